package io.tessera.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A child JVM whose standard output is read line by line (each line stamped on arrival). */
final class Child implements AutoCloseable {

    /** A line of output and {@link System#nanoTime()} when it was read. */
    record Line(String text, long nanos) {
    }

    private final Process process;
    private final List<Line> lines = new ArrayList<>();
    private final Thread reader;
    private final long startNanos;

    private Child(Process process, long startNanos) {
        this.process = process;
        this.startNanos = startNanos;
        this.reader = new Thread(this::read, "child-stdout-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Starts {@code command}, standard error appended to {@code log}; standard input closed at once.
     */
    static Child start(List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long t0 = System.nanoTime();
        Process p = pb.start();
        Child child = new Child(p, t0);
        p.getOutputStream().close();
        Benchmarks.CHILDREN.add(p);
        return child;
    }

    /** {@link System#nanoTime()} just before the process was started. */
    long startNanos() {
        return startNanos;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String s;
            while ((s = r.readLine()) != null) {
                Line line = new Line(s, System.nanoTime());
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
        synchronized (lines) {
            lines.notifyAll();
        }
    }

    /** The first line matching, waiting up to {@code timeoutMillis}. */
    Line await(Predicate<String> matching, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lines) {
            while (true) {
                for (Line l : lines) {
                    if (matching.test(l.text())) {
                        return l;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || (!reader.isAlive() && !process.isAlive())) {
                    throw new IllegalStateException("no matching line from " + process.info().commandLine().orElse("child")
                            + " within " + timeoutMillis + " ms; output so far: " + lines.stream().map(Line::text).toList());
                }
                lines.wait(Math.min(left, 50));
            }
        }
    }

    List<String> output() {
        synchronized (lines) {
            return lines.stream().map(Line::text).toList();
        }
    }

    int waitFor(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("child did not end within " + timeoutMillis + " ms");
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** Asks the process to end (SIGTERM: the launcher's shutdown hook stops Felix), then kills it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        Benchmarks.CHILDREN.remove(process);
    }
}
