package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.Test;

/**
 * The web's address through the real launcher: {@code etc/org.apache.felix.http.cfg} sets the host
 * and port (ConfigAdmin, fed by FileInstall), and saving a new port moves the web there without a
 * restart.
 */
public class WebConfigIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    public void hostAndPortComeFromEtcAndAnEditMovesTheWeb() throws Exception {
        Path dir = ServiceModeIT.folder("WebConfigIT");
        Path etc = Files.createDirectories(dir.resolve("home/etc"));
        Path cfg = etc.resolve("org.apache.felix.http.cfg");
        int port = freePort();
        Files.writeString(cfg, "org.osgi.service.http.port=" + port + "\n"); // the host as the runtime sets it: loopback
        try (RuntimeProcess runtime = new RuntimeProcess(RuntimeProcess.Input.DEV_NULL, dir, ServiceModeIT.BUNDLES)) {
            assertEquals(404, awaitAnswer(port, "/blog/nothing"));
            for (InetAddress other : otherAddresses()) { // not reachable from another machine
                try (java.net.Socket s = new java.net.Socket()) {
                    s.connect(new java.net.InetSocketAddress(other, port), 2000);
                    fail("the web answers on " + other + ":" + port + ", not only on loopback");
                } catch (IOException refused) {
                    // as it should be
                }
            }
            int moved = freePort();
            Files.writeString(cfg, "org.apache.felix.http.host=127.0.0.1\norg.osgi.service.http.port=" + moved + "\n");
            assertEquals(404, awaitAnswer(moved, "/blog/nothing"));
            assertRefused(port);
            assertTrue("no problem on the console: " + runtime.err(), !runtime.err().contains("ERROR"));
        }
    }

    /** This machine's addresses that are not loopback (IPv4 and IPv6). */
    private static java.util.List<InetAddress> otherAddresses() throws IOException {
        return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList();
    }

    private int awaitAnswer(int port, String path) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try {
                return send(port, path).statusCode();
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    fail("nothing answered on port " + port + " within " + DEADLINE);
                }
                Thread.sleep(50); // polling interval of a bounded wait
            }
        }
    }

    private void assertRefused(int port) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try {
                send(port, "/");
            } catch (ConnectException refused) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("port " + port + " still answers after the configuration moved the web");
            }
            Thread.sleep(50); // polling interval of a bounded wait
        }
    }

    private HttpResponse<String> send(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
