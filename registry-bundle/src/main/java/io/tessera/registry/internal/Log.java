package io.tessera.registry.internal;

/**
 * The registry's own log lines, on standard error. The runtime has no log service by default;
 * problems an operator must act on are also kept in the apps' reasons, so nothing depends on this.
 */
public final class Log {

    private Log() {
    }

    public static void warn(String message, Throwable t) {
        System.err.println("[tessera] WARN " + message + (t == null ? "" : ": " + t));
    }

    public static void info(String message) {
        System.err.println("[tessera] " + message);
    }
}
