package io.tessera.it;

import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real runtime, {@code java -jar target/tessera-runtime.jar}, in a process of its own: as a
 * service (standard input from /dev/null or closed) or on a pseudo-terminal that util-linux's
 * {@code script} gives it, as an operator at a terminal would run it. Collects what it prints
 * and waits for expected output with a deadline.
 */
final class RuntimeProcess implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern ESCAPES = Pattern.compile("\u001B(\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(\u0007|\u001B\\\\)|[()][0-9A-Za-z]|[=>78])");

    private static final Pattern CURSOR_FORWARD = Pattern.compile("\u001B\\[(\\d*)C");

    /** Standard input from /dev/null, closed, a pseudo-terminal, or a pipe this test writes to ({@link #type}). */
    enum Input { DEV_NULL, CLOSED, TERMINAL, PIPE }

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final List<Thread> readers = new ArrayList<>();

    /**
     * @param dir the test's own folder: deploy/ and log/tessera.log go there, and the home
     *        ({@code dir/home}), emptied of its data first ({@code --clean})
     */
    RuntimeProcess(Input input, Path dir, Path bundles) throws IOException {
        this(input, dir, bundles, List.of("-Dtessera.deploy=" + dir.resolve("deploy"),
                "-Dtessera.log.file=" + dir.resolve("log/tessera.log"), "-Dtessera.home=" + dir.resolve("home")), List.of("--clean"));
    }

    /** The launcher with these system properties and program arguments, run in {@code dir}. */
    RuntimeProcess(Input input, Path dir, Path bundles, List<String> properties, List<String> args) throws IOException {
        this(input, dir, bundles, properties, args, java.util.Map.of());
    }

    /** As above, with {@code env} added to the environment. */
    RuntimeProcess(Input input, Path dir, Path bundles, List<String> properties, List<String> args,
            java.util.Map<String, String> env) throws IOException {
        Path jar = Path.of("target/tessera-runtime.jar").toAbsolutePath();
        Files.createDirectories(dir.resolve("deploy"));
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        java.add("-Dtessera.bundles=" + bundles);
        java.add("-Dorg.osgi.service.http.port=0"); // the web on a free port: 8080 may be taken by another runtime
        java.addAll(properties); // after it: the last -D of a name wins
        java.addAll(List.of("-jar", jar.toString()));
        java.addAll(args);
        ProcessBuilder builder = switch (input) {
            case DEV_NULL -> new ProcessBuilder(java).redirectInput(new File("/dev/null"));
            case PIPE -> new ProcessBuilder(java);
            case CLOSED -> new ProcessBuilder("sh", "-c", "exec \"$@\" <&-", "sh").redirectInput(new File("/dev/null"));
            case TERMINAL -> new ProcessBuilder("script", "-qfec", "stty cols 160 rows 50; exec " + String.join(" ", java),
                    "/dev/null");
        };
        if (input == Input.CLOSED) {
            builder.command().addAll(java);
        }
        builder.environment().put("TERM", "xterm-256color");
        builder.environment().remove("TESSERA_HOME"); // the test's choice, not the machine's
        builder.environment().putAll(env);
        builder.directory(dir.toFile());
        process = builder.start();
        readers.add(pump(process.getInputStream(), out));
        readers.add(pump(process.getErrorStream(), err));
    }

    private static Thread pump(InputStream in, StringBuffer sink) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sink.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "runtime-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Types on the terminal. */
    void type(String keys) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(keys.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Everything printed on standard output so far, terminal escapes and carriage returns removed. */
    String out() {
        return plain(out.toString());
    }

    String err() {
        return plain(err.toString());
    }

    /** Output as the terminal received it. */
    String rawOut() {
        return out.toString();
    }

    static String plain(String text) {
        // jline draws a typed space as "cursor forward" when the cell is blank already
        String spaced = CURSOR_FORWARD.matcher(text).replaceAll(m -> " ".repeat(m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1))));
        return ESCAPES.matcher(spaced).replaceAll("").replace("\r", "").replace("\u0007", "");
    }

    /** Waits until standard output after {@code from} matches {@code regex}; returns the end of the match. */
    int await(String regex, int from) throws InterruptedException {
        return await(out, regex, from);
    }

    /** Waits until standard error matches {@code regex}. */
    int awaitErr(String regex) throws InterruptedException {
        return await(err, regex, 0);
    }

    private int await(StringBuffer stream, String regex, int from) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            String text = plain(stream.toString());
            Matcher m = p.matcher(text);
            if (from <= text.length() && m.find(from)) {
                return m.end();
            }
            if (System.nanoTime() > deadline || !process.isAlive() && text.equals(plain(stream.toString()))) {
                fail("no output matching /" + regex + "/ after character " + from + " within " + DEADLINE
                        + (process.isAlive() ? "" : " (the runtime exited)") + "; output:\n" + text + "\nerrors:\n" + err());
            }
            Thread.sleep(10); // polling interval of a bounded wait, not synchronisation
        }
    }

    int await(String regex) throws InterruptedException {
        return await(regex, 0);
    }

    /** The runtime's JVM: this process, or the one {@code script} runs. */
    long javaPid() {
        return process.toHandle().descendants().filter(h -> h.info().command().orElse("").endsWith("/java"))
                .findFirst().orElse(process.toHandle()).pid();
    }

    /** What the runtime's threads are doing now, from {@code jcmd Thread.print}. */
    String threadDump() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(javaPid()), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return dump;
    }

    /** Sends a signal by name ("INT", "TERM") to the runtime's JVM. */
    void signal(String name) throws IOException, InterruptedException {
        long pid = javaPid();
        if (new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor() != 0) {
            fail("kill -" + name + " " + pid + " failed");
        }
    }

    /** SIGKILL: the process dies at once, without its shutdown hooks. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as a service manager or {@code kill} sends it. */
    void terminate() {
        process.destroy();
    }

    /** The exit code, once the process and its output have ended. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            fail("the runtime did not exit within " + DEADLINE + "; output:\n" + out() + "\nerrors:\n" + err());
        }
        for (Thread t : readers) {
            t.join(DEADLINE.toMillis());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
