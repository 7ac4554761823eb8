package io.tessera.registry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class LogTest {

    private static final Instant T = Instant.parse("2026-11-29T15:41:33.123Z");

    @Test
    public void consoleGetsOneLineNamingTheLogFile() {
        Exception e = new IllegalStateException("boom");
        assertEquals("[tessera] WARN ready() of app 'blog' threw; the app is FAILED: IllegalStateException: boom"
                        + " (stack trace in log/tessera.log)",
                Log.consoleLine("WARN", "ready() of app 'blog' threw; the app is FAILED", e, Path.of("log/tessera.log")));
        assertEquals("[tessera] WARN a model operation threw: NullPointerException",
                Log.consoleLine("WARN", "a model operation threw", new NullPointerException(), null));
        assertEquals("[tessera] registry started", Log.consoleLine("INFO", "registry started", null, null));
    }

    @Test
    public void multiLineMessagesBecomeOneLine() {
        Exception e = new IllegalArgumentException("first\nsecond\r\n  third");
        String line = Log.consoleLine("WARN", "several\nlines", e, null);
        assertEquals("[tessera] WARN several | lines: IllegalArgumentException: first | second | third", line);
    }

    @Test
    public void fileRecordHasTheTimeLevelMessageAndStackTrace() {
        Exception cause = new java.io.IOException("disk");
        Exception e = new IllegalStateException("boom", cause);
        String record = Log.fileRecord(T, "WARN", "the registry failed to apply a change", e);
        String[] lines = record.split("\n");
        assertEquals("2026-11-29T15:41:33.123Z WARN [tessera] the registry failed to apply a change", lines[0]);
        assertEquals("java.lang.IllegalStateException: boom", lines[1]);
        assertTrue(lines[2], lines[2].startsWith("\tat io.tessera.registry.internal.LogTest.fileRecordHasTheTimeLevelMessageAndStackTrace("));
        assertTrue(record, record.contains("\nCaused by: java.io.IOException: disk\n"));
        assertTrue(record.endsWith("\n"));
        assertEquals("2026-11-29T15:41:33.123Z INFO [tessera] note\n", Log.fileRecord(T, "INFO", "note", null));
    }

    @Test
    public void secretsAreMasked() {
        assertEquals("connect failed: password=**** user=sa", Log.redact("connect failed: password=hunter2 user=sa"));
        assertEquals("Token: ****, next", Log.redact("Token: abc.def, next"));
        assertEquals("api_key=****", Log.redact("api_key=\"s e c\""));
        assertEquals("jdbc:postgresql://sa:****@db/x", Log.redact("jdbc:postgresql://sa:pw@db/x"));
        assertEquals("secret=****", Log.redact("secret='x y'"));
        assertEquals("nothing secret here: label=blog", Log.redact("nothing secret here: label=blog"));
        String record = Log.fileRecord(T, "WARN", "login with password=hunter2", new IllegalStateException("token=xyz"));
        assertFalse(record, record.contains("hunter2") || record.contains("xyz"));
    }

    @Test
    public void everyProblemIsWrittenOnceToTheConsoleAndWithItsStackTraceToTheFile() throws Exception {
        Path file = Files.createTempDirectory("log-test").resolve("nested/log/tessera.log");
        PrintStream console = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Log.open(file);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                threads.add(new Thread(() -> {
                    for (int j = 0; j < 25; j++) {
                        Log.warn("problem " + n + "." + j, new IllegalStateException("boom " + n + "." + j));
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            Log.close();
            System.setErr(console);
        }
        List<String> consoleLines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(200, consoleLines.size());
        assertTrue(consoleLines.get(0), consoleLines.get(0).matches(
                "\\[tessera\\] WARN problem \\d\\.\\d+: IllegalStateException: boom \\d\\.\\d+ \\(stack trace in .*tessera\\.log\\)"));
        assertFalse(consoleLines.stream().anyMatch(l -> l.contains("\tat ")));
        String written = Files.readString(file);
        // every record whole: its header line followed by its own exception
        List<String> lines = written.lines().toList();
        int records = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(" WARN [tessera] problem ")) {
                String id = lines.get(i).substring(lines.get(i).lastIndexOf(' ') + 1);
                assertEquals("java.lang.IllegalStateException: boom " + id, lines.get(i + 1));
                assertTrue(lines.get(i + 2), lines.get(i + 2).startsWith("\tat "));
                records++;
            }
        }
        assertEquals(200, records);
    }
}
