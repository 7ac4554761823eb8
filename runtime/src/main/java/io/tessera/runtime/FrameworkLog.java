package io.tessera.runtime;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The framework's errors and warnings (Felix's {@code felix.log.logger}), and what bundles log
 * through {@code java.util.logging} (FileInstall, jline), each written once: one line on the
 * console naming the bundle it concerns, and a record with the stack trace appended to the log
 * file ({@link RollingLogFile}), which the registry's own log writes to as well. Records are
 * written whole in one append, so lines of the two writers and of concurrent threads never
 * interleave.
 */
final class FrameworkLog extends Logger {

    /** Rolled at 10 MB, five old files kept. */
    static final long LIMIT = 10L * 1024 * 1024;
    static final int GENERATIONS = 5;

    private final Path file;
    private RollingLogFile channel;

    /** Opens the rolling log file; a file that cannot be opened leaves the log on the console only. */
    FrameworkLog(Path file) {
        this(file, LIMIT, GENERATIONS);
    }

    FrameworkLog(Path file, long limit, int generations) {
        Path opened = null;
        try {
            channel = new RollingLogFile(file, limit, generations);
            channel.receiveJavaLogging();
            opened = file;
        } catch (IOException e) {
            System.err.println("[felix] WARN cannot write the log file " + file + " (" + e + "); logging to the console only");
        }
        this.file = opened;
    }

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        write("felix", level, bundle != null || sr == null ? bundle : sr.getBundle(), msg, throwable);
    }

    /**
     * Sends {@code java.util.logging} records here instead of to its console handler, which
     * prints a stack trace over several lines; FileInstall logs there when told
     * {@code felix.fileinstall.log.default=jul}.
     */
    void takeOverJavaLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                int level = r.getLevel().intValue() >= Level.SEVERE.intValue() ? LOG_ERROR
                        : r.getLevel().intValue() >= Level.WARNING.intValue() ? LOG_WARNING : LOG_INFO;
                String source = r.getLoggerName() == null ? "java" : r.getLoggerName();
                write(source, level, null, new SimpleFormatter().formatMessage(r), r.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private synchronized void write(String source, int level, Bundle bundle, String msg, Throwable throwable) {
        if (level <= LOG_WARNING || channel == null) { // notes go to the file only, as the registry's do
            System.err.println(consoleLine(source, level, bundle, msg, throwable, file));
        }
        if (channel != null) {
            try {
                channel.append(fileRecord(Instant.now(), source, level, bundle, msg, throwable));
            } catch (IOException e) {
                channel = null;
                System.err.println("[felix] WARN cannot write the log file " + file + " (" + e + "); logging to the console only");
            }
        }
    }

    /** "[felix] ERROR bundle 7 com.example.shop: Error starting …: IllegalStateException: boom (stack trace in …)". */
    static String consoleLine(String source, int level, Bundle bundle, String msg, Throwable t, Path file) {
        String line = "[" + source + "] " + level(level) + " " + about(bundle) + oneLine(msg);
        if (t != null) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            line += ": " + summary(t) + (root == t ? "" : "; caused by " + summary(root))
                    + (file == null ? "" : " (stack trace in " + file + ")");
        }
        return line;
    }

    static String fileRecord(Instant time, String source, int level, Bundle bundle, String msg, Throwable t) {
        StringBuilder out = new StringBuilder().append(time).append(' ').append(level(level)).append(" [").append(source).append("] ")
                .append(about(bundle)).append(oneLine(msg)).append('\n');
        if (t != null) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            out.append(trace.toString().replace(System.lineSeparator(), "\n"));
        }
        return out.toString();
    }

    private static String summary(Throwable t) {
        return oneLine(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    }

    private static String about(Bundle bundle) {
        return bundle == null ? "" : "bundle " + bundle.getBundleId() + " " + bundle.getSymbolicName() + ": ";
    }

    private static String level(int level) {
        return switch (level) {
            case LOG_ERROR -> "ERROR";
            case LOG_WARNING -> "WARN";
            case LOG_INFO -> "INFO";
            default -> "DEBUG";
        };
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " | ");
    }
}
