package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The home folder, through the real launcher in processes of its own: what is installed from the
 * shell survives a restart in the state it was left in; the runtime's own bundles are reconciled,
 * never duplicated; {@code --clean} empties {@code data/}; one runtime per home, a killed one's lock
 * taken over; a home that cannot be written is refused, naming the folder.
 */
public class HomeIT {

    static Path fresh(String name) throws Exception {
        Path dir = Path.of(System.getProperty("tessera.test.dir", "target/it")).toAbsolutePath().resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    @Test
    public void bundlesInstalledFromTheShellAreThereAfterARestartInTheStateTheyWereLeftIn() throws Exception {
        Path dir = fresh("HomeIT-persist");
        Path started = dir.resolve("started.jar");
        Path stopped = dir.resolve("stopped.jar");
        Files.write(started, TestBundles.app("kept").build());
        Files.write(stopped, TestBundles.app("idle").build());
        Map<String, String> before;
        try (HomeShell shell = HomeShell.start(dir)) {
            assertTrue(shell.startLine(), shell.startLine().endsWith("; home " + dir.resolve("home") + " (first start)"));
            long keptId = shell.install(started);
            shell.install(stopped);
            shell.run("start " + keptId);
            before = shell.bundles();
            assertEquals(before.toString(), keptId + " Active", before.get("test.kept"));
            assertTrue(before.toString(), before.get("test.idle").matches("\\d+ (Installed|Resolved)"));
            assertEquals(0, shell.stop());
        }
        try (HomeShell shell = HomeShell.start(dir)) {
            assertTrue(shell.startLine(), shell.startLine().endsWith("; home " + dir.resolve("home")));
            Map<String, String> after = shell.bundles();
            // same ids, same states, the runtime's bundles once each (bundles() fails on a duplicate)
            assertEquals(before.keySet(), after.keySet());
            assertEquals(before.get("test.kept"), after.get("test.kept"));
            assertEquals(before.get("test.idle").split(" ")[0], after.get("test.idle").split(" ")[0]);
            assertFalse(after.toString(), after.get("test.idle").endsWith("Active"));
            assertTrue(shell.run("apps:list"), Pattern.compile("(?m)^\\s*kept\\s+READY\\b").matcher(shell.run("apps:list")).find());
            assertEquals(0, shell.stop());
        }
        try (HomeShell shell = HomeShell.start(dir, "--clean")) {
            assertTrue(shell.startLine(), shell.startLine().endsWith("; home " + dir.resolve("home") + " (started clean: data/ emptied)"));
            Map<String, String> clean = shell.bundles();
            assertFalse(clean.toString(), clean.containsKey("test.kept") || clean.containsKey("test.idle"));
            assertEquals(before.size() - 2, clean.size());
            assertEquals(0, shell.stop());
        }
        try (HomeShell shell = HomeShell.start(dir, List.of("-Dtessera.clean=true"))) {
            assertTrue(shell.startLine(), shell.startLine().endsWith(" (started clean: data/ emptied)"));
            shell.stop();
        }
    }

    @Test
    public void whatIsInTheDeployFolderIsNotDeployedAgainNorDuplicatedAfterARestart() throws Exception {
        Path dir = fresh("HomeIT-deploy");
        Path deploy = Files.createDirectories(dir.resolve("home/deploy"));
        Files.write(deploy.resolve("dropped.jar"), TestBundles.app("dropped").build());
        Map<String, String> before;
        try (HomeShell shell = HomeShell.start(dir)) {
            await(() -> shell.run("apps:list").matches("(?s).*\\bdropped\\s+READY\\b.*"));
            before = shell.bundles();
            assertTrue(before.toString(), before.get("test.dropped").matches("\\d+ Active"));
            assertEquals(0, shell.stop());
        }
        Path log = dir.resolve("home/log/tessera.log");
        try (HomeShell shell = HomeShell.start(dir)) {
            await(() -> shell.run("apps:list").matches("(?s).*\\bdropped\\s+READY\\b.*"));
            assertEquals(before, shell.bundles()); // the same bundle id, none twice
            assertEquals(0, shell.stop());
        }
        String written = Files.readString(log);
        assertTrue(written, written.contains("deploy: dropped.jar: installed as bundle " + before.get("test.dropped").split(" ")[0]));
        assertFalse("not updated nor reinstalled: " + written, written.contains("deploy: dropped.jar changed")
                || written.contains("was installed as bundle"));
    }

    @Test
    public void theRuntimesOwnBundlesAreUpdatedWhenTheirJarChangedAndNeverInstalledTwice() throws Exception {
        Path dir = fresh("HomeIT-reconcile");
        Path bundles = Files.createDirectories(dir.resolve("bundles"));
        try (Stream<Path> jars = Files.list(HomeShell.BUNDLES)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, bundles.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        List<String> props = List.of("-Dtessera.bundles=" + bundles);
        Map<String, String> first;
        try (HomeShell shell = HomeShell.start(dir, props)) {
            first = shell.bundles();
            assertEquals(0, shell.stop());
        }
        Files.setLastModifiedTime(bundles.resolve("tessera-example-notes.jar"), FileTime.from(Instant.now()));
        try (HomeShell shell = HomeShell.start(dir, props)) {
            assertTrue(shell.startLine(), shell.startLine().endsWith(" (1 of the runtime's bundles updated)"));
            assertEquals(first, shell.bundles()); // same ids, all Active, none twice
            assertEquals(0, shell.stop());
        }
        Files.delete(bundles.resolve("tessera-example-polls.jar"));
        try (HomeShell shell = HomeShell.start(dir, props)) {
            assertTrue(shell.startLine(), shell.startLine().matches("Tessera started in \\d+ ms: 4 of 4 apps READY \\(auth, blog, markdown, notes\\);"
                    + " home \\S+ \\(1 of the runtime's bundles removed\\)"));
            Map<String, String> last = shell.bundles();
            first.remove("io.tessera.example.polls");
            assertEquals(first, last);
            assertEquals(0, shell.stop());
        }
    }

    @Test
    public void aSecondRuntimeOnTheSameHomeIsRefusedNamingTheFirstAndAKilledOnesLockIsTakenOver() throws Exception {
        Path dir = fresh("HomeIT-lock");
        try (HomeShell first = HomeShell.start(dir)) {
            long pid = first.process().javaPid();
            try (RuntimeProcess second = new RuntimeProcess(RuntimeProcess.Input.DEV_NULL, dir, HomeShell.BUNDLES,
                    List.of("-Dtessera.home=" + dir.resolve("home")), List.of())) {
                assertEquals(2, second.exitCode());
                assertTrue(second.err(), Pattern.compile("^Tessera cannot start: the home " + Pattern.quote(dir.resolve("home").toString())
                        + " is in use by process " + pid + " \\(running since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)\\. Stop that runtime first,"
                        + " or choose another home with -Dtessera.home=DIR\\.\n$").matcher(second.err()).find());
                assertEquals("", second.out());
            }
            first.run("apps:list"); // the first one did not notice
            first.kill();
        }
        try (HomeShell again = HomeShell.start(dir)) {
            assertTrue(again.startLine(), again.startLine().contains(": 5 of 5 apps READY"));
            assertEquals(0, again.stop());
        }
    }

    @Test
    public void aHomeThatCannotBeWrittenIsRefusedNamingTheFolder() throws Exception {
        Path dir = fresh("HomeIT-unwritable");
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path under = file.resolve("home");
        assertRefused(dir, under, "Tessera cannot start: the home folder " + under + " is not writable (it cannot be created: ");
        Path home = Files.createDirectories(dir.resolve("home-with-data-file"));
        Files.writeString(home.resolve("data"), "a file where data/ should be");
        assertRefused(dir, home, "Tessera cannot start: the folder " + home.resolve("data") + " of the home " + home
                + " is not writable (it cannot be created: ");
        Path readOnly = Files.createDirectories(dir.resolve("read-only"));
        if (readOnly.toFile().setWritable(false, false) && !Files.isWritable(readOnly)) { // root may write anyway
            assertRefused(dir, readOnly, "Tessera cannot start: the home folder " + readOnly + " is not writable (it is not writable)");
        }
    }

    @Test
    public void aConfigurationFileWithAnErrorIsOneConsoleLineNamingTheFileAndNothingElseIsAffected() throws Exception {
        Path dir = fresh("HomeIT-etc");
        Path etc = Files.createDirectories(dir.resolve("home/etc"));
        Path log = dir.resolve("log/tessera.log");
        Files.writeString(etc.resolve("com.example.broken.cfg"), "a=\\uZZZZ\n");
        Files.writeString(etc.resolve("com.example.fine.cfg"), "ok=yes\n");
        try (RuntimeProcess runtime = new RuntimeProcess(RuntimeProcess.Input.DEV_NULL, dir, HomeShell.BUNDLES)) {
            runtime.await("Tessera started in \\d+ ms: 5 of 5 apps READY \\(auth, blog, markdown, notes, polls\\); home ");
            String line = "[fileinstall] ERROR Failed to install artifact: " + etc.resolve("com.example.broken.cfg")
                    + ": IllegalArgumentException: Unable to parse unicode value: ZZZZ; caused by NumberFormatException:"
                    + " For input string: \"ZZZZ\" under radix 16 (stack trace in " + log + ")";
            runtime.awaitErr(Pattern.quote(line) + "\n");
            // one more poll of etc/ (a new file taken in) does not report the broken file again
            Files.writeString(etc.resolve("com.example.later.cfg"), "ok=later\n");
            await(() -> Files.readString(log).contains(" INFO [fileinstall] Creating configuration {com.example.later} from "
                    + etc.resolve("com.example.later.cfg")));
            runtime.terminate();
            assertEquals(0, runtime.exitCode());
            assertEquals(runtime.err(), List.of(line), runtime.err().lines().toList());
        }
        String written = Files.readString(log);
        assertTrue(written, written.contains(" INFO [fileinstall] Creating configuration {com.example.fine} from "
                + etc.resolve("com.example.fine.cfg") + "\n"));
        assertTrue(written, written.contains(" ERROR [fileinstall] Failed to install artifact: " + etc.resolve("com.example.broken.cfg")
                + "\njava.lang.IllegalArgumentException: Unable to parse unicode value: ZZZZ\n\tat "));
    }

    /** Waits for a condition on files, with {@link RuntimeProcess#DEADLINE}. */
    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + RuntimeProcess.DEADLINE.toNanos();
        while (!condition.call()) {
            assertTrue("not within " + RuntimeProcess.DEADLINE, System.nanoTime() < deadline);
            Thread.sleep(20); // polling interval of a bounded wait
        }
    }

    @Test
    public void theEnvironmentsTesseraHomeChoosesTheHomeAndTheSystemPropertyWinsOverIt() throws Exception {
        Path dir = fresh("HomeIT-env");
        Path fromEnv = dir.resolve("from-env");
        Path fromProperty = dir.resolve("from-property");
        String line = "Tessera started in \\d+ ms: 5 of 5 apps READY \\(auth, blog, markdown, notes, polls\\); home ";
        try (RuntimeProcess runtime = new RuntimeProcess(RuntimeProcess.Input.DEV_NULL, dir, HomeShell.BUNDLES, List.of(),
                List.of(), Map.of("TESSERA_HOME", fromEnv.toString()))) {
            runtime.await(line + Pattern.quote(fromEnv.toString()) + " \\(first start\\)\n");
            assertTrue(Files.isRegularFile(fromEnv.resolve("data/tessera.lock")));
            for (String folder : List.of("etc", "deploy", "data/cache", "log")) {
                assertTrue(folder, Files.isDirectory(fromEnv.resolve(folder)));
            }
            runtime.terminate();
            assertEquals(0, runtime.exitCode());
        }
        try (RuntimeProcess runtime = new RuntimeProcess(RuntimeProcess.Input.DEV_NULL, dir, HomeShell.BUNDLES,
                List.of("-Dtessera.home=" + fromProperty), List.of(), Map.of("TESSERA_HOME", fromEnv.toString()))) {
            runtime.await(line + Pattern.quote(fromProperty.toString()) + " \\(first start\\)\n");
            runtime.terminate();
            assertEquals(0, runtime.exitCode());
        }
    }

    @Test
    public void anUnknownArgumentIsRefusedNamingIt() throws Exception {
        Path dir = fresh("HomeIT-arguments");
        for (String arg : List.of("--cleen", "clean", "-Dtessera.home=x")) {
            try (RuntimeProcess runtime = new RuntimeProcess(RuntimeProcess.Input.DEV_NULL, dir, HomeShell.BUNDLES,
                    List.of("-Dtessera.home=" + dir.resolve("home")), List.of(arg))) {
                assertEquals(runtime.err(), 2, runtime.exitCode());
                assertEquals("Tessera cannot start: unknown argument '" + arg + "'. The launcher takes --clean (start from an"
                        + " empty data/ folder) and system properties such as -Dtessera.home=DIR before -jar.\n", runtime.err());
            }
        }
        assertFalse("nothing was created", Files.exists(dir.resolve("home")));
    }

    private static void assertRefused(Path dir, Path home, String message) throws Exception {
        try (RuntimeProcess runtime = new RuntimeProcess(RuntimeProcess.Input.DEV_NULL, dir, HomeShell.BUNDLES,
                List.of("-Dtessera.home=" + home), List.of())) {
            assertEquals(runtime.err(), 2, runtime.exitCode());
            assertTrue(runtime.err(), runtime.err().startsWith(message));
            assertTrue(runtime.err(), runtime.err().endsWith(". Make it writable, or choose another home with -Dtessera.home=DIR"
                    + " or TESSERA_HOME.\n"));
            assertEquals(1, runtime.err().lines().count());
        }
    }
}
