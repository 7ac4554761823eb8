package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * The runtime at a terminal, as an operator runs it: the launcher jar in a process of its own on
 * a pseudo-terminal (util-linux's {@code script}), typed at key by key. Tab completion, usage on
 * wrong arguments, Ctrl-C, Ctrl-D, {@code stop 0}, SIGTERM, and app output while a line is typed.
 */
public class TerminalIT {

    private static final String PROMPT = "g! ";
    private static final String CTRL_C = "\u0003";
    private static final String CTRL_D = "\u0004";

    private RuntimeProcess start(String name, Path bundles) throws Exception {
        RuntimeProcess runtime = new RuntimeProcess(RuntimeProcess.Input.TERMINAL, ServiceModeIT.folder(name), bundles);
        runtime.await("Tessera started in \\d+ ms: ");
        runtime.await(Pattern.quote(PROMPT));
        return runtime;
    }

    @Test
    public void tabCompletesTheLabelForEveryAppsCommandThatTakesOne() throws Exception {
        try (RuntimeProcess runtime = start("TerminalIT-tab", ServiceModeIT.BUNDLES)) {
            String[][] cases = {
                {"apps:info bl", "apps:info blog", "blog \\(Blog\\)\n  name: +io\\.tessera\\.example\\.blog\n"},
                {"apps:deps au", "apps:deps auth", "auth READY\n  requires: nothing\n"},
                {"apps:diag no", "apps:diag notes", "notes is READY\\.\n"},
                {"apps:models po", "apps:models polls", "polls\\.Choice\\("},
                {"info bl", "info blog", "blog \\(Blog\\)\n"},
            };
            for (String[] c : cases) {
                int from = runtime.out().length();
                runtime.type(c[0] + "\t");
                int echoed = runtime.await(Pattern.quote(c[1] + " "), from);
                runtime.type("\r");
                runtime.await(c[2], echoed);
            }
            runtime.type("stop 0\r");
            assertEquals(runtime.out(), 0, runtime.exitCode());
        }
    }

    @Test
    public void wrongArgumentsPrintTheUsageNeverAnException() throws Exception {
        try (RuntimeProcess runtime = start("TerminalIT-usage", ServiceModeIT.BUNDLES)) {
            String[][] cases = {
                {"apps:info", "apps:info: missing argument.\nUsage:\n  apps:info LABEL   show everything known about one app\n"},
                {"apps:info blog extra", "apps:info: unexpected argument: extra.\nUsage:\n  apps:info LABEL   "},
                {"apps:list x", "apps:list: unexpected argument: x.\nUsage:\n  apps:list   list every app"},
                {"apps:models polls x y", "apps:models: unexpected arguments: x y.\nUsage:\n  apps:models         list the models"
                        + " of all READY apps, one label.Model per line with its fields\n  apps:models LABEL   list the models of one app\n"},
            };
            for (String[] c : cases) {
                int from = runtime.out().length();
                runtime.type(c[0] + "\r");
                runtime.await(Pattern.quote(c[0]) + " *\n" + Pattern.quote(c[1]), from);
            }
            runtime.type("stop 0\r");
            assertEquals(0, runtime.exitCode());
            assertFalse(runtime.out(), runtime.out().contains("Exception"));
        }
    }

    @Test
    public void ctrlCClearsTheLineAndInterruptsTheRunningCommandButTheRuntimeRuns() throws Exception {
        try (RuntimeProcess runtime = start("TerminalIT-ctrlc", ServiceModeIT.BUNDLES)) {
            runtime.type("bogus words");
            int typed = runtime.await("bogus words");
            runtime.type(CTRL_C);
            int cleared = runtime.await(Pattern.quote(PROMPT), typed);
            runtime.type("apps:list\r");
            runtime.await("5 apps: 5 READY\n", cleared);
            assertFalse(runtime.out(), runtime.out().contains("not found"));

            // a long command; Ctrl-C once a thread dump shows it sleeping
            runtime.type("sleep 600000\r");
            long deadline = System.nanoTime() + RuntimeProcess.DEADLINE.toNanos();
            while (!runtime.threadDump().contains("org.apache.felix.gogo.jline.Posix.sleep(")) {
                assertTrue("the long command did not start: " + runtime.out(), System.nanoTime() < deadline);
            }
            int running = runtime.out().length();
            runtime.type(CTRL_C);
            int interrupted = runtime.await("InterruptedException(.*\n)*.*" + Pattern.quote(PROMPT), running);
            runtime.type("apps:list\r");
            runtime.await("5 apps: 5 READY\n", interrupted);

            runtime.type("stop 0\r");
            assertEquals(runtime.out(), 0, runtime.exitCode());
            assertTrue(runtime.out(), runtime.out().endsWith("[blog] stopping\n") || runtime.out().contains("[blog] stopping\n"));
        }
    }

    @Test
    public void startTypedAtThePromptNamesTheActivatorsExceptionInTheAppsReason() throws Exception {
        Path dir = ServiceModeIT.folder("TerminalIT-start");
        Path jar = dir.resolve("activator-throws.jar");
        Files.createDirectories(dir);
        Files.write(jar, TestBundles.app("termboom").header("Tessera-App-Activator", "io.tessera.it.fixture.FixtureApp")
                .activatorThrows("no config file").build());
        try (RuntimeProcess runtime = start("TerminalIT-start", ServiceModeIT.BUNDLES)) {
            int from = runtime.out().length();
            // the profile put Tessera's scope first: without it, which start the plain word runs is up to Gogo's map order
            runtime.type("echo $SCOPE\r");
            runtime.await(Pattern.quote("echo $SCOPE") + " *\n" + Pattern.quote("tessera:gogo:*\n"), from);
            from = runtime.out().length();
            runtime.type("install " + jar.toUri() + "\r");
            runtime.await("Bundle ID: \\d+\n", from);
            java.util.regex.Matcher m = Pattern.compile("Bundle ID: (\\d+)\n").matcher(runtime.out().substring(from));
            assertTrue(m.find());
            String id = m.group(1);

            from = runtime.out().length();
            runtime.type("start " + id + "\r");
            int printed = runtime.await(Pattern.quote("start " + id) + " *\n" + Pattern.quote(
                    "java.lang.IllegalStateException: no config file\n"), from); // what Gogo's start prints
            runtime.type("apps:diag\r");
            runtime.await(Pattern.quote("app bundle " + id + " (not run here yet, so its label is not known) FAILED: bundle " + id
                    + " did not start: its activator threw IllegalStateException: no config file (at"
                    + " io.tessera.it.fixture.FixtureApp.start(FixtureApp.java:") + "\\d+" + Pattern.quote(")); fix the bundle,"
                    + " then update " + id), printed);
            runtime.type("apps:list\r");
            runtime.await(Pattern.quote("? (bundle " + id + ")") + " +FAILED", printed);

            from = runtime.out().length();
            runtime.type("felix:start " + id + "\r");
            runtime.await(Pattern.quote("felix:start " + id) + " *\n" + Pattern.quote(
                    "java.lang.IllegalStateException: no config file\n"), from);
            runtime.type("stop 0\r");
            assertEquals(runtime.out(), 0, runtime.exitCode());
        }
    }

    @Test
    public void ctrlDAtAnEmptyPromptStopsTheRuntimeCleanly() throws Exception {
        try (RuntimeProcess runtime = start("TerminalIT-ctrld", ServiceModeIT.BUNDLES)) {
            runtime.type(CTRL_D);
            assertEquals(runtime.out(), 0, runtime.exitCode());
            assertTrue(runtime.out(), runtime.out().contains("[blog] stopping\n"));
            assertEquals("", runtime.err());
        }
    }

    @Test
    public void sigtermStopsTheRuntimeCleanlyWhileTheShellRuns() throws Exception {
        try (RuntimeProcess runtime = start("TerminalIT-term", ServiceModeIT.BUNDLES)) {
            runtime.type("apps:li");
            runtime.await("apps:li");
            runtime.signal("TERM");
            assertEquals(runtime.out(), 0, runtime.exitCode());
            assertTrue(runtime.out(), runtime.out().contains("[blog] stopping\n"));
            assertFalse(runtime.out(), runtime.out().contains("Exception"));
        }
    }

    @Test
    public void whatAppsPrintWhileALineIsTypedGoesAboveThePrompt() throws Exception {
        Path dir = ServiceModeIT.folder("TerminalIT-above");
        Path bundles = dir.resolve("bundles");
        Files.createDirectories(bundles);
        try (var jars = Files.list(ServiceModeIT.BUNDLES)) {
            for (Path jar : jars.toList()) {
                if (!jar.getFileName().toString().equals("tessera-example-polls.jar")) {
                    Files.copy(jar, bundles.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path deployed = dir.resolve("deploy/polls.jar");
        Files.deleteIfExists(deployed);
        try (RuntimeProcess runtime = start("TerminalIT-above", bundles)) {
            runtime.type("apps:li");
            int typed = runtime.await("apps:li");
            Files.copy(ServiceModeIT.BUNDLES.resolve("tessera-example-polls.jar"), deployed);
            int printed = runtime.await("\\[polls\\] ready: voting is open\n", typed);
            runtime.await("g! [^\n]*apps:li", printed); // the prompt and the typed text, drawn again
            String raw = runtime.rawOut();
            int at = raw.indexOf("[polls] ready");
            String lineStart = raw.substring(raw.lastIndexOf('\n', at) + 1, at);
            String visible = RuntimeProcess.plain(lineStart.substring(lineStart.lastIndexOf('\r') + 1));
            assertEquals("what was on the line when the app printed: " + lineStart, "", visible);
            runtime.type("st\r");
            runtime.await("5 apps: 5 READY\n", printed);
            runtime.type("stop 0\r");
            assertEquals(0, runtime.exitCode());
        } finally {
            Files.deleteIfExists(deployed);
        }
    }
}
