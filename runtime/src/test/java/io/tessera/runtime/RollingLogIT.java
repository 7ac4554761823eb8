package io.tessera.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

import org.apache.felix.framework.Logger;
import org.junit.Test;

import io.tessera.registry.internal.Log;

/**
 * The one rolling log file, with its two writers at once: the launcher's {@link FrameworkLog} and
 * the registry's {@code Log} in its shared mode (through {@code java.util.logging}, as in the
 * runtime). It rolls by size into {@code .1} … {@code .N}, drops the oldest, and never splits or
 * interleaves a record.
 */
public class RollingLogIT {

    @Test
    public void bothWritersRollOneFileBySizeKeepingTheNewestGenerationsWithEveryRecordWhole() throws Exception {
        Path dir = Files.createTempDirectory("rolling-log");
        Path file = dir.resolve("log/tessera.log");
        FrameworkLog framework = new FrameworkLog(file, 4_000, 3);
        framework.setLogLevel(Logger.LOG_INFO);
        Log.open(file, true);
        PrintStream console = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int perWriter = 300;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        try {
            writers.add(new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < perWriter; i++) {
                    framework.log((org.osgi.framework.Bundle) null, Logger.LOG_INFO, "framework record " + i);
                }
            }));
            writers.add(new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < perWriter; i++) {
                    Log.info("registry record " + i + " of app 'blog'");
                }
            }));
            writers.forEach(Thread::start);
            go.countDown();
            for (Thread t : writers) {
                t.join();
            }
        } finally {
            System.setErr(console);
            Log.close();
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(new TreeSet<>(List.of("tessera.log", "tessera.log.1", "tessera.log.2", "tessera.log.3")),
                    new TreeSet<>(files.map(p -> p.getFileName().toString()).toList()));
        }
        List<String> lines = new ArrayList<>();
        for (String name : List.of("tessera.log.3", "tessera.log.2", "tessera.log.1", "tessera.log")) {
            Path f = file.resolveSibling(name);
            assertTrue(name + " is " + Files.size(f) + " bytes", Files.size(f) <= 4_000);
            lines.addAll(Files.readAllLines(f));
        }
        int lastFramework = -1;
        int lastRegistry = -1;
        for (String line : lines) {
            // every line one whole record, in the order written, from the oldest file kept to the newest
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "^\\d{4}-\\d\\d-\\d\\dT\\S+Z (?:INFO \\[felix\\] framework record (\\d+)|INFO \\[tessera\\] registry record (\\d+) of app 'blog')$")
                    .matcher(line);
            assertTrue(line, m.matches());
            if (m.group(1) != null) {
                assertTrue(line, Integer.parseInt(m.group(1)) > lastFramework);
                lastFramework = Integer.parseInt(m.group(1));
            } else {
                assertTrue(line, Integer.parseInt(m.group(2)) > lastRegistry);
                lastRegistry = Integer.parseInt(m.group(2));
            }
        }
        assertEquals("the newest records are kept", perWriter - 1, Math.max(lastFramework, lastRegistry));
        assertFalse("the oldest generations were dropped", lines.contains("framework record 0"));
        assertTrue(lines.size() + " lines kept", lines.size() < 2 * perWriter);
    }

    @Test
    public void aFileThatExistsIsAppendedToAndRolledWhenItIsFull() throws Exception {
        Path dir = Files.createTempDirectory("rolling-log");
        Path file = dir.resolve("tessera.log");
        Files.writeString(file, "x".repeat(990) + "\n");
        RollingLogFile log = new RollingLogFile(file, 1_000, 2);
        log.append("short\n");
        assertEquals("x".repeat(990) + "\nshort\n", Files.readString(file));
        log.append("next record\n");
        assertEquals("next record\n", Files.readString(file));
        assertEquals("x".repeat(990) + "\nshort\n", Files.readString(file.resolveSibling("tessera.log.1")));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
