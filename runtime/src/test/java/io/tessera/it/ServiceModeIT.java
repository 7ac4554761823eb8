package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

/**
 * The runtime as a service: standard input from /dev/null or closed, stopped by SIGTERM or
 * SIGINT. The console shows the start line, what apps print and problems, one line each, and
 * nothing else: no terminal warning, no banner, no prompt. Problems go with their stack trace to
 * the log file. Runs the real launcher jar in a process of its own.
 */
public class ServiceModeIT {

    static final Path BUNDLES = Path.of(System.getProperty("tessera.bundles", "target/bundles")).toAbsolutePath();
    private static final String START_LINE = "Tessera started in \\d+ ms: 5 of 5 apps READY \\(auth, blog, markdown, notes, polls\\);"
            + " home \\S+/home \\(started clean: data/ emptied\\)";
    private static final List<String> APPS_READY = List.of("\\[auth\\] ready: users and groups are available",
            "\\[blog\\] ready: posts by auth users can be written", "\\[polls\\] ready: voting is open");

    static Path folder(String name) throws Exception {
        Path dir = Path.of(System.getProperty("tessera.test.dir", "target/it")).toAbsolutePath().resolve(name);
        Files.deleteIfExists(dir.resolve("home/etc/io.tessera.web.token")); // so that each run is a first start of the web
        if (Files.exists(dir.resolve("log"))) {
            try (var files = Files.list(dir.resolve("log"))) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        return dir;
    }

    @Test
    public void withStandardInputFromDevNullTheConsoleShowsOnlyTheStartLineAppOutputAndProblems() throws Exception {
        runAsService(RuntimeProcess.Input.DEV_NULL, "TERM", folder("ServiceModeIT-devnull"));
    }

    @Test
    public void withStandardInputClosedTheConsoleShowsOnlyTheStartLineAppOutputAndProblems() throws Exception {
        runAsService(RuntimeProcess.Input.CLOSED, "TERM", folder("ServiceModeIT-closed"));
    }

    @Test
    public void ctrlCStopsAServiceCleanly() throws Exception {
        runAsService(RuntimeProcess.Input.DEV_NULL, "INT", folder("ServiceModeIT-int"));
    }

    @Test
    public void bundleProblemsAreOneLineOnTheConsoleWithTheStackTraceInTheLogFile() throws Exception {
        Path dir = folder("ServiceModeIT-problems");
        Path log = dir.resolve("log/tessera.log");
        Path activator = dir.resolve("deploy/activator-throws.jar");
        Path unresolvable = dir.resolve("deploy/unresolvable.jar");
        try (RuntimeProcess runtime = new RuntimeProcess(RuntimeProcess.Input.DEV_NULL, dir, BUNDLES)) {
            runtime.await(START_LINE + "\n");
            Files.write(activator, TestBundles.app("act").activatorThrows("kaput").build());
            Files.write(unresolvable, TestBundles.app("unres")
                    .header("Import-Package", "io.tessera.core;version=\"[1.0,2)\",com.example.missing;version=\"[1.0,2.0)\"").build());
            String trace = java.util.regex.Pattern.quote(" (stack trace in " + log + ")");
            String activatorLine = "\\[tessera\\] WARN deploy: activator-throws\\.jar: installed as bundle \\d+ but did not start:"
                    + " its activator threw IllegalStateException: kaput .*; fix the bundle and copy it again" + trace;
            String unresolvableLine = "\\[tessera\\] WARN deploy: unresolvable\\.jar: installed as bundle (\\d+) but cannot resolve:"
                    + " missing package com\\.example\\.missing \\[1\\.0\\.0,2\\.0\\.0\\); install what provides it, and bundle \\1"
                    + " starts by itself";
            runtime.awaitErr(activatorLine + "\n");
            runtime.awaitErr(unresolvableLine + "\n");
            Files.delete(activator);
            Files.delete(unresolvable);
            runtime.terminate();
            assertEquals(0, runtime.exitCode());
            // each problem once, as one line; what needs no action (deployed, deleted) only in the log file
            List<String> err = runtime.err().lines().toList();
            assertEquals(runtime.err(), 2, err.size());
            assertTrue(err.toString(), err.stream().allMatch(l -> l.matches(activatorLine) || l.matches(unresolvableLine)));
            assertFalse(runtime.out(), runtime.out().contains("\tat ") || runtime.out().contains("Exception"));
        }
        String written = Files.readString(log);
        assertTrue(written, java.util.regex.Pattern.compile(" WARN \\[tessera\\] deploy: activator-throws\\.jar: installed as bundle"
                + " \\d+ but did not start: [^\n]*\norg\\.osgi\\.framework\\.BundleException: Activator start error in bundle"
                + " test\\.act \\[").matcher(written).find());
        assertTrue(written, written.contains("\nCaused by: java.lang.IllegalStateException: kaput\n"
                + "\tat io.tessera.it.fixture.FixtureApp.start(FixtureApp.java:"));
        assertTrue(written, written.contains(" INFO [tessera] deploy: activator-throws.jar: its file was deleted"));
    }

    private void runAsService(RuntimeProcess.Input input, String signal, Path dir) throws Exception {
        Path log = dir.resolve("log/tessera.log");
        try (RuntimeProcess runtime = new RuntimeProcess(input, dir, BUNDLES)) {
            runtime.await(START_LINE + "\n");
            // a problem: an app whose ready() throws, dropped into the deploy folder
            Path jar = dir.resolve("deploy/crash.jar");
            Files.deleteIfExists(jar);
            Files.write(jar, TestBundles.app("crash").readyThrows("boom").build());
            String problem = "[tessera] WARN ready() of app 'crash' threw; the app is FAILED: IllegalStateException: boom"
                    + " (stack trace in " + log + ")";
            runtime.awaitErr(java.util.regex.Pattern.quote(problem) + "\n");
            Files.delete(jar);
            runtime.signal(signal);
            assertEquals("exit code after SIG" + signal + "; output:\n" + runtime.out() + "\nerrors:\n" + runtime.err(),
                    0, runtime.exitCode());

            // the web's admin token, generated on this first start (folder() removed it) and printed once, in any
            // order with what apps print
            String tokenLine = "Tessera web: admin token generated into "
                    + java.util.regex.Pattern.quote(dir.resolve("home/etc/io.tessera.web.token").toString())
                    + " \\(shown only this once\\): [A-Za-z0-9_-]{43}";
            List<String> all = runtime.out().lines().toList();
            assertEquals(runtime.out(), 1, all.stream().filter(l -> l.matches(tokenLine)).count());
            List<String> out = all.stream().filter(l -> !l.matches(tokenLine)).toList();
            assertEquals(runtime.out(), 5, out.size());
            for (int i = 0; i < 3; i++) {
                assertTrue(out.get(i), out.get(i).matches(APPS_READY.get(i)));
            }
            assertTrue(out.get(3), out.get(3).matches(START_LINE));
            assertEquals("[blog] stopping", out.get(4));
            assertEquals(List.of(problem), runtime.err().lines().toList());
            assertFalse(runtime.rawOut(), runtime.rawOut().contains("\u001B"));
        }
        String written = Files.readString(log);
        // the record with its stack trace, among the notes that went to the file only (the jar deployed, ...)
        assertTrue(written, java.util.regex.Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z WARN \\[tessera\\] ready\\(\\) of app"
                + " 'crash' threw; the app is FAILED\njava.lang.IllegalStateException: boom\n\tat io.tessera.it.fixture.FixtureApp.ready\\(",
                java.util.regex.Pattern.MULTILINE).matcher(written).find());
        assertTrue(written, written.contains(" INFO [tessera] deploy: crash.jar: "));
    }
}
