package io.tessera.it;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the admin API's ITs share: the runtime's bundles with the web ({@link WebBundles}), the admin token in
 * a file of the test class's own ({@code target/it/<test>/etc/io.tessera.web.token}, removed before
 * the framework starts so that it is generated), and a real HTTP client ({@code java.net.http})
 * against the real Jetty, with JSON read by Jackson.
 */
public abstract class AdminTestSupport extends TesseraTestSupport {

    static final String TOKEN_PROPERTY = "tessera.it.token.file";
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Every bundle the runtime ships, the web with Jackson among them, and a fresh token file. */
    public static Option[] adminOptions(String testName) {
        Path tokenFile = deployFolder(testName).getParent().resolve("etc").resolve("io.tessera.web.token");
        try {
            Files.deleteIfExists(tokenFile);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Option[] tokenOptions = {
            frameworkProperty("tessera.web.token.file").value(tokenFile.toString()),
            systemProperty(TOKEN_PROPERTY).value(tokenFile.toString())};
        return OptionUtils.combine(OptionUtils.combine(tesseraOptions(testName), tokenOptions), WebBundles.options());
    }

    protected static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty(WebBundles.PORT_PROPERTY) + path);
    }

    protected static Path tokenFile() {
        return Path.of(System.getProperty(TOKEN_PROPERTY));
    }

    protected static String token() throws IOException {
        return Files.readString(tokenFile()).trim();
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** POST with these headers (name, value, ...) and body ({@code null}: none). */
    protected HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    protected static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** The {@code message} of a JSON error, after checking its status and that it is JSON. */
    protected static String errorMessage(HttpResponse<String> r, int status) throws IOException {
        org.junit.Assert.assertEquals(r.request().method() + " " + r.uri() + ": " + r.body(), status, r.statusCode());
        org.junit.Assert.assertEquals("application/json;charset=utf-8",
                r.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
        JsonNode body = JSON.readTree(r.body());
        org.junit.Assert.assertEquals(status, body.get("status").asInt());
        return body.get("message").asText();
    }

    /** Waits until Jetty answers the admin API (it may start after the framework). */
    protected void awaitAdmin() throws InterruptedException {
        await("the admin API answers on " + uri("/tessera/api/status"), () -> {
            try {
                return get("/tessera/api/status").statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** One server-sent event. */
    protected record Event(String name, String data) {
        JsonNode json() throws IOException {
            return JSON.readTree(data);
        }
    }

    /**
     * A client of {@code /tessera/api/events}: a thread of its own reads the stream and queues the
     * events; {@link #next} waits for the first one matching, with a deadline.
     */
    protected final class EventStream implements AutoCloseable {
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final InputStream body;
        private final Thread reader;

        EventStream() throws IOException, InterruptedException {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri("/tessera/api/events")).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            org.junit.Assert.assertEquals(200, r.statusCode());
            org.junit.Assert.assertEquals("text/event-stream;charset=utf-8",
                    r.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
            body = r.body();
            reader = new Thread(this::read, "it-event-stream");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
                String name = "message";
                StringBuilder data = new StringBuilder();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new Event(name, data.toString()));
                        }
                        name = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
            } catch (IOException closed) {
                // closed by the test
            }
        }

        /** The next event that matches, skipping others; fails after the deadline. */
        Event next(String what, Predicate<Event> matches) throws InterruptedException {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (true) {
                Event e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    org.junit.Assert.fail("no event " + what + " within " + DEADLINE);
                }
                if (matches.test(e)) {
                    return e;
                }
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
