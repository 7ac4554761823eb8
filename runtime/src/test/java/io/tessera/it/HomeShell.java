package io.tessera.it;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real launcher on a home of a test's own, its Gogo shell driven through standard input
 * ({@code -Dtessera.shell=true}). A command counts as done when the {@code echo} typed after it
 * has printed its marker: Gogo runs the lines it reads one after the other, so the command before
 * has returned by then.
 */
final class HomeShell implements AutoCloseable {

    static final Path BUNDLES = Path.of(System.getProperty("tessera.bundles", "target/bundles")).toAbsolutePath();
    private static final Pattern LB_ROW = Pattern.compile("(?m)^\\s*(\\d+)\\|(\\w+)\\s*\\|\\s*\\d+\\|(\\S+) \\(");

    private final RuntimeProcess process;
    private int markers;
    private int from;

    private HomeShell(RuntimeProcess process) {
        this.process = process;
    }

    /** Starts the launcher on {@code dir/home} with the shell on a pipe; {@code args} as on its command line. */
    static HomeShell start(Path dir, String... args) throws IOException, InterruptedException {
        return start(dir, List.of(), args);
    }

    static HomeShell start(Path dir, List<String> properties, String... args) throws IOException, InterruptedException {
        List<String> props = new ArrayList<>(List.of("-Dtessera.home=" + dir.resolve("home"), "-Dtessera.shell=true"));
        props.addAll(properties);
        HomeShell shell = new HomeShell(new RuntimeProcess(RuntimeProcess.Input.PIPE, dir, BUNDLES, props, List.of(args)));
        shell.from = shell.process.await("Tessera started in \\d+ ms: [^\n]*\n");
        return shell;
    }

    /** The start line, "Tessera started in … ms: … ; home …". */
    String startLine() {
        Matcher m = Pattern.compile("Tessera started in [^\n]*").matcher(process.out());
        assertTrue(process.out(), m.find());
        return m.group();
    }

    /** Runs {@code line} in the shell and returns what it printed once it returned. */
    String run(String line) throws IOException, InterruptedException {
        String marker = "done-" + (++markers);
        process.type(line + "\necho " + marker + "\n");
        // the marker ends a line; an app's output printed meanwhile may stand before it on that line (a
        // ready line racing the prompt once read "g! echodone-15"), but the command typed never counts
        int end = process.await("(?<!echo )" + marker + "\n", from);
        String printed = process.out().substring(from, end - marker.length() - 1);
        from = end;
        return printed;
    }

    /** Types {@code line} without waiting for it to return. */
    void send(String line) throws IOException {
        process.type(line + "\n");
    }

    /** Every bundle by symbolic name, "id state" ("12 Active"), from {@code lb -s}. */
    Map<String, String> bundles() throws IOException, InterruptedException {
        // the launcher starts Jetty on a thread of its own, after the start line: wait until no bundle is mid-start
        long deadline = System.nanoTime() + RuntimeProcess.DEADLINE.toNanos();
        Map<String, String> bundles = listBundles();
        while (bundles.values().stream().anyMatch(s -> s.endsWith("Starting") || s.endsWith("Stopping"))) {
            assertTrue("bundles still starting or stopping after " + RuntimeProcess.DEADLINE + ": " + bundles,
                    System.nanoTime() < deadline);
            Thread.sleep(50); // polling interval of a bounded wait
            bundles = listBundles();
        }
        return bundles;
    }

    private Map<String, String> listBundles() throws IOException, InterruptedException {
        Map<String, String> bundles = new LinkedHashMap<>();
        Matcher m = LB_ROW.matcher(run("lb -s"));
        while (m.find()) {
            String previous = bundles.put(m.group(3), m.group(1) + " " + m.group(2));
            assertTrue("bundle " + m.group(3) + " is installed twice: " + previous + " and " + m.group(1) + " " + m.group(2),
                    previous == null);
        }
        return bundles;
    }

    /** The id printed by Gogo's {@code install}. */
    long install(Path jar) throws IOException, InterruptedException {
        String out = run("install " + jar.toUri());
        Matcher m = Pattern.compile("Bundle ID: (\\d+)").matcher(out);
        assertTrue("install " + jar + " printed: " + out, m.find());
        return Long.parseLong(m.group(1));
    }

    RuntimeProcess process() {
        return process;
    }

    /** {@code stop 0}, then waits for the exit code. */
    int stop() throws IOException, InterruptedException {
        send("stop 0");
        return process.exitCode();
    }

    /** SIGKILL. */
    void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
