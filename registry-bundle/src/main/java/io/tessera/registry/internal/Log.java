package io.tessera.registry.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The registry's problems and notes, each written once: one readable line on the console
 * (standard error) and, once {@link #open(Path) opened}, a record with the full stack trace
 * appended to the log file. The console never shows a stack trace; its line names the log file
 * that has it. Values that look like secrets (a password, token or key, a URL's password) are
 * masked in both. Safe to call from any thread; records of concurrent callers never interleave.
 * Problems an operator must act on are also kept in the apps' reasons, so nothing depends on this.
 */
public final class Log {

    /** {@code key=value} or {@code key: value} whose key names a secret. */
    private static final Pattern SECRET = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|secret|token|api[-_]?key|credentials?)(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&]+)");
    /** The password of a URL's user information: {@code scheme://user:password@host}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/:@\\s]+:)[^@/\\s]+@");

    private static Path file;
    /**
     * A stream, not a {@code FileChannel}: a channel is closed for good when a thread writing to it
     * is interrupted (a stopping worker, Ctrl-C in the shell), which would end the log silently.
     */
    private static FileOutputStream channel;
    /** The launcher's logger that writes the (rolling) log file, when it offers one. */
    public static final String SHARED_LOGGER = "io.tessera.logfile";
    private static java.util.logging.Logger sharedLogger;

    private Log() {
    }

    /**
     * Appends records to {@code path} from now on, creating its folder; {@code null} keeps the log
     * on the console only. A file that cannot be opened is said once on the console.
     */
    public static synchronized void open(Path path) {
        open(path, false);
    }

    /**
     * As {@link #open(Path)}; with {@code shared}, the records go to the {@code java.util.logging}
     * logger {@value #SHARED_LOGGER} instead, whose one handler (the launcher's) writes and rolls
     * {@code path} for this log and the framework's alike.
     */
    public static synchronized void open(Path path, boolean shared) {
        close();
        if (path == null) {
            return;
        }
        if (shared) {
            sharedLogger = java.util.logging.Logger.getLogger(SHARED_LOGGER);
            file = path;
            return;
        }
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            channel = new FileOutputStream(path.toFile(), true);
            file = path;
        } catch (IOException e) {
            System.err.println("[tessera] WARN cannot write the log file " + path + " (" + e + "); logging to the console only");
        }
    }

    public static synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was lost: every record is written whole when it is logged
            }
        }
        channel = null;
        sharedLogger = null;
        file = null;
    }

    public static void warn(String message, Throwable t) {
        write("WARN", message, t, true);
    }

    /**
     * A problem whose message already names the exception (as an app's or a file's reason does):
     * the console line is the message and where the stack trace is; the file has the trace.
     */
    public static void warnNamed(String message, Throwable t) {
        write("WARN", message, t, false);
    }

    /**
     * A note that needs no action (a jar deployed, a folder watched again): in the log file only, so
     * the console keeps to problems; on the console when there is no log file.
     */
    public static void info(String message) {
        write("INFO", message, null, true);
    }

    private static synchronized void write(String level, String message, Throwable t, boolean nameOnConsole) {
        if (sharedLogger != null) {
            if (!"INFO".equals(level)) {
                System.err.println(nameOnConsole || t == null ? consoleLine(level, message, t, file)
                        : consoleLine(level, message, null, null) + " (stack trace in " + file + ")");
            }
            sharedLogger.info(fileRecord(Instant.now(), level, message, t));
            return;
        }
        if (channel == null || !"INFO".equals(level)) {
            System.err.println(nameOnConsole || t == null ? consoleLine(level, message, t, file)
                    : consoleLine(level, message, null, null) + (file == null ? "" : " (stack trace in " + file + ")"));
        }
        if (channel != null) {
            try {
                channel.write(fileRecord(Instant.now(), level, message, t).getBytes(StandardCharsets.UTF_8));
                channel.flush();
            } catch (IOException e) {
                Path lost = file;
                close();
                System.err.println("[tessera] WARN cannot write the log file " + lost + " (" + e + "); logging to the console only");
            }
        }
    }

    /** "[tessera] WARN ready() of app 'blog' threw; the app is FAILED: IllegalStateException: boom (stack trace in …)". */
    static String consoleLine(String level, String message, Throwable t, Path file) {
        String line = "[tessera] " + ("INFO".equals(level) ? "" : level + " ") + oneLine(message);
        if (t != null) {
            line += ": " + oneLine(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()))
                    + (file == null ? "" : " (stack trace in " + file + ")");
        }
        return redact(line);
    }

    /** "2026-11-29T15:41:33.123Z WARN [tessera] message" then the stack trace, ending in a newline. */
    static String fileRecord(Instant time, String level, String message, Throwable t) {
        StringBuilder out = new StringBuilder().append(time).append(' ').append(level).append(" [tessera] ")
                .append(oneLine(message)).append('\n');
        if (t != null) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            out.append(trace.toString().replace(System.lineSeparator(), "\n"));
        }
        return redact(out.toString());
    }

    /** The text with the values of secrets replaced by "****". */
    static String redact(String text) {
        return URL_PASSWORD.matcher(SECRET.matcher(text).replaceAll("$1$2****")).replaceAll("$1****@");
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " | ");
    }
}
