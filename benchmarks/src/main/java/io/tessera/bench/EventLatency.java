package io.tessera.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 17's "a bundle stopped in the shell until an event-stream client has the event": the real
 * runtime in a child JVM with its Gogo shell on a pipe and the web on a free loopback port; a client
 * of {@code /tessera/api/events} on this side. Each sample is the time from writing {@code stop N}
 * to the shell until the client has read the {@code app} event in which {@code notes} is STOPPED
 * (so it includes Gogo reading the line, the framework stopping the bundle, the registry's change
 * and event, and the stream). {@code start N} between samples, waiting for READY, is not measured.
 */
final class EventLatency {

    private static final Pattern STATE = Pattern.compile("\"label\":\"notes\".*?\"state\":\"([A-Z]+)\"");

    private EventLatency() {
    }

    static List<Benchmarks.Row> run(Benchmarks.Settings s, List<String> notes) throws Exception {
        int samples = s.quick() ? 15 : 60;
        Path work = s.scratch().resolve("events");
        Embedded.deleteTree(work);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> cmd = List.of(Child.java().toString(), "-Dtessera.shell=true", "-Dtessera.home=" + work.resolve("home"),
                "-Dorg.osgi.service.http.port=" + port, "-jar", s.launcher().toString());
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(s.out().resolve("events-child.log").toFile())).start();
        Benchmarks.CHILDREN.add(process);
        HttpClient http = HttpClient.newHttpClient();
        InputStream stream = null;
        try {
            String base = "http://127.0.0.1:" + port + "/tessera/api/";
            long id = bundleIdOfNotes(http, base);
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            stream = r.body();
            BlockingQueue<String[]> states = new LinkedBlockingQueue<>(); // {state, nanoTime}
            InputStream body = stream;
            Thread reader = new Thread(() -> read(body, states), "bench-event-stream");
            reader.setDaemon(true);
            reader.start();
            OutputStream shell = process.getOutputStream();
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < samples + 3; i++) { // the first three warm up
                states.clear();
                long t0 = System.nanoTime();
                type(shell, "stop " + id);
                long t1 = awaitState(states, "STOPPED");
                type(shell, "start " + id);
                awaitState(states, "READY");
                if (i >= 3) {
                    millis.add((t1 - t0) / 1e6);
                }
            }
            Stats stats = new Stats(millis);
            s.log("events: stop in the shell to the event at the client: " + stats.summary() + " ms");
            notes.add("events: each sample from writing 'stop N' to the runtime's shell to the stream client reading"
                    + " the app event with notes STOPPED; the real runtime (Jetty 12) in a child JVM, loopback.");
            return List.of(new Benchmarks.Row("E1", "shell stop -> SSE event at client (ms)", stats, null, null,
                    "median <= 50 ms", stats.median() <= 50 ? "yes" : "no"));
        } finally {
            if (stream != null) {
                stream.close();
            }
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Embedded.deleteTree(work);
        }
    }

    private static long bundleIdOfNotes(HttpClient http, String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "apps/notes")).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = Pattern.compile("\"bundleId\":(\\d+)").matcher(r.body());
                if (r.statusCode() == 200 && r.body().contains("\"state\":\"READY\"") && m.find()) {
                    return Long.parseLong(m.group(1));
                }
            } catch (IOException notYet) {
                // Jetty is not listening yet
            }
            Thread.sleep(100); // polling interval while the child starts
        }
        throw new IllegalStateException("the runtime's admin API did not show notes READY within 90 s");
    }

    private static void type(OutputStream shell, String line) throws IOException {
        shell.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        shell.flush();
    }

    private static long awaitState(BlockingQueue<String[]> states, String state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String[] e = states.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new IllegalStateException("no event with notes " + state + " within 30 s");
            }
            if (e[0].equals(state)) {
                return Long.parseLong(e[1]);
            }
        }
    }

    private static void read(InputStream body, BlockingQueue<String[]> states) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    Matcher m = STATE.matcher(line);
                    if (m.find()) {
                        states.add(new String[] {m.group(1), Long.toString(System.nanoTime())});
                    }
                }
            }
        } catch (IOException closed) {
            // the run is over
        }
    }
}
