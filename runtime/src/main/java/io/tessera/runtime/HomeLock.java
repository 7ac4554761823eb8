package io.tessera.runtime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One runtime per home: an OS file lock on {@code data/tessera.lock}, held for the life of the
 * process, with the holder's pid and start time written inside so that a second runtime can say
 * who holds it. The OS drops the lock when its process dies, however it dies ({@code kill -9}
 * included), so a lock left by a dead runtime is simply taken over: the file's old content is
 * only ever read when the lock is really held by someone.
 */
final class HomeLock {

    static final String FILE_NAME = "tessera.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code home}, or says who has it.
     *
     * @throws Home.HomeException when another live process holds the home, naming it
     */
    static HomeLock acquire(Home home) throws IOException, Home.HomeException {
        Path file = home.data().resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            throw new Home.HomeException("Tessera cannot start: the home " + home.root() + " is in use by "
                    + describe(holder) + ". Stop that runtime first, or choose another home with -Dtessera.home=DIR.");
        }
        long pid = ProcessHandle.current().pid();
        Instant since = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid=" + pid + "\nsince=" + since + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new HomeLock(file, channel, lock);
    }

    /** "process 4711 (running since 2026-11-29T16:02:11Z)" from the lock file's content. */
    static String describe(String content) {
        String pid = null;
        String since = null;
        for (String line : content.split("\\R")) {
            if (line.startsWith("pid=")) {
                pid = line.substring(4).strip();
            } else if (line.startsWith("since=")) {
                since = line.substring(6).strip();
            }
        }
        if (pid == null) {
            return "another process (its lock file " + "data/" + FILE_NAME + " does not name it yet)";
        }
        return "process " + pid + (since == null ? "" : " (running since " + since + ")");
    }

    Path file() {
        return file;
    }

    /** Lets the lock go; the OS does the same when the process ends. */
    void release() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the process is ending: the OS releases the lock with it
        }
    }
}
