package io.tessera.runtime;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one writer of the log file: {@code tessera.log}, rolled over by size into
 * {@code tessera.log.1} (the newest old one) up to {@code tessera.log.N}, the oldest dropped. Both
 * the launcher's {@link FrameworkLog} and the registry bundle's log write here, the registry through
 * the {@code java.util.logging} logger {@value #LOGGER} (the JDK's classes are the only ones both
 * see), so one writer decides when to roll and records never interleave. Each record is appended
 * whole; a record never spans two files.
 */
final class RollingLogFile {

    /** The logger whose records are already formatted lines for the file (see the registry's Log). */
    static final String LOGGER = "io.tessera.logfile";

    private final Path file;
    private final long limit;
    private final int generations;
    /** A stream, not a {@code FileChannel}, which an interrupted writing thread would close for good. */
    private FileOutputStream out;
    private long size;
    /** Held so the logger, and with it the handler, is not collected. */
    private Logger logger;

    /**
     * @param limit bytes after which the file rolls over
     * @param generations old files kept besides the current one
     */
    RollingLogFile(Path file, long limit, int generations) throws IOException {
        this.file = file;
        this.limit = limit;
        this.generations = generations;
        Files.createDirectories(file.toAbsolutePath().getParent());
        open();
    }

    private void open() throws IOException {
        out = new FileOutputStream(file.toFile(), true);
        size = Files.size(file);
    }

    Path file() {
        return file;
    }

    synchronized void append(String record) throws IOException {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        if (size > 0 && size + bytes.length > limit) {
            roll();
        }
        out.write(bytes);
        out.flush();
        size += bytes.length;
    }

    private void roll() throws IOException {
        out.close();
        Files.deleteIfExists(generation(generations));
        for (int g = generations - 1; g >= 1; g--) {
            if (Files.exists(generation(g))) {
                Files.move(generation(g), generation(g + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, generation(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path generation(int g) {
        return file.resolveSibling(file.getFileName() + "." + g);
    }

    /** Takes the records of the {@value #LOGGER} logger, and only those (not to the console). */
    void receiveJavaLogging() {
        logger = Logger.getLogger(LOGGER);
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                try {
                    append(r.getMessage());
                } catch (IOException e) {
                    System.err.println("[tessera] WARN cannot write the log file " + file + " (" + e + ")");
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }
}
