package io.tessera.appkit;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The runtime as an operator runs it: {@code java -jar tessera-runtime.jar} in its own process,
 * with a deploy folder of the test's, its console read as it is printed and its shell typed into
 * through standard input.
 */
final class RuntimeProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer console = new StringBuffer();
    private final OutputStream keyboard;

    private RuntimeProcess(Process process) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream()), "tessera-runtime-console");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the runtime jar with {@code -Dtessera.deploy=deploy} and a clean home of its own beside
     * it (not the checkout's default home, which an operator's runtime may hold), its shell reading
     * this test's pipe as a user's terminal ({@code -Dtessera.shell=true}: without a terminal there is none).
     */
    static RuntimeProcess start(Path runtimeJar, Path deploy) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new RuntimeProcess(new ProcessBuilder(java, "-Dtessera.deploy=" + deploy,
                "-Dtessera.home=" + deploy.resolveSibling("home"), "-Dtessera.shell=true", "-jar", runtimeJar.toString(), "--clean")
                .redirectErrorStream(true).start());
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0;) {
                console.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException closed) {
            // the process ended
        }
    }

    /** Everything the runtime printed so far. */
    String console() {
        return console.toString();
    }

    /** Types a line into the runtime's shell. */
    void type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /**
     * Waits until the console satisfies {@code condition}, typing {@code command} (if not null)
     * again every quarter second; fails at the deadline with the console.
     */
    void await(String what, Duration deadline, String command, Predicate<String> condition)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        long nextCommand = 0;
        while (!condition.test(console())) {
            if (!process.isAlive()) {
                fail("the runtime exited with " + process.exitValue() + " before " + what + ":\n" + console());
            }
            if (System.nanoTime() > end) {
                fail("timed out after " + deadline.toSeconds() + " s waiting until " + what + ":\n" + console());
            }
            if (command != null && System.nanoTime() > nextCommand) {
                type(command);
                nextCommand = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(250);
            }
            Thread.sleep(20); // the polling interval of a bounded wait
        }
    }

    /** Stops the runtime as Ctrl-C or a service manager does (its shutdown hook stops the framework). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
