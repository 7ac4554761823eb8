package io.tessera.runtime;

import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;

import sun.misc.Signal;

/**
 * Stops the framework on SIGTERM (a service manager's stop, {@code kill}) and, when no shell owns
 * the terminal, on SIGINT: the launcher's main thread then sees the framework stop and exits 0.
 * While the shell runs, Ctrl-C belongs to it, as in Karaf: the shell's terminal takes SIGINT over
 * when it opens, and interrupts the running command or clears the line being typed.
 *
 * <p>Without these handlers the JVM would exit with 143 (or 130) after its shutdown hooks, which a
 * service manager reports as a failure.
 */
final class Signals {

    private Signals() {
    }

    static void stopFrameworkOn(Framework framework, String... signals) {
        for (String name : signals) {
            Signal.handle(new Signal(name), signal -> {
                try {
                    framework.stop();
                } catch (BundleException e) {
                    System.err.println("Tessera did not stop cleanly: " + e.getMessage());
                    System.exit(1);
                }
            });
        }
    }
}
