package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A client that opens many event streams and drops them: every dropped stream is closed on the
 * server (the API's {@code eventStreams} count returns to zero), no thread is left behind, and the
 * heap after a collection is where it was (measured and printed; bounded loosely). Streams beyond
 * the limit are refused with 503 and {@code Retry-After}, and the registry keeps working meanwhile.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AdminEventStreamsIT extends AdminTestSupport {

    private static final int LIMIT = 64;
    private static final int ROUNDS = 3;

    @Configuration
    public Option[] config() {
        return adminOptions("AdminEventStreamsIT");
    }

    private int openStreams() throws Exception {
        return json(get("/tessera/api/status")).get("eventStreams").asInt();
    }

    /** A raw connection that has read the stream's first bytes (so the server holds it open). */
    private Socket openRaw() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(System.getProperty(WebBundles.PORT_PROPERTY)));
        s.setSoTimeout((int) DEADLINE.toMillis());
        OutputStream out = s.getOutputStream();
        out.write(("GET /tessera/api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[1024];
        while (!seen.toString().contains(": connected") && !seen.toString().contains(" 503 ")) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        assertTrue(seen.toString(), seen.toString().startsWith("HTTP/1.1 200"));
        return s;
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    public void droppedStreamsAreClosedWithoutLeavingThreadsOrMemory() throws Exception {
        awaitAdmin();
        // one stream first, so that whatever a first stream starts once is part of the baseline
        openRaw().close();
        await("the first stream is closed", () -> ioSafe(() -> openStreams() == 0));
        List<String> threadsBefore = threads();
        long heapBefore = heapAfterGc();

        for (int round = 0; round < ROUNDS; round++) {
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < LIMIT; i++) {
                sockets.add(openRaw());
            }
            assertEquals(LIMIT, openStreams());
            // one more is refused, with what to do
            var refused = get("/tessera/api/events");
            assertEquals("Too many event streams are open (64); close one and retry.", errorMessage(refused, 503));
            assertEquals("5", refused.headers().firstValue("Retry-After").orElse(null));
            // the registry works while the streams are open, and they all hear of it
            long id = registry.app("notes").bundleId();
            shell("stop " + id);
            shell("start " + id);
            settle();
            assertExamplesReady();
            for (Socket s : sockets) {
                s.setSoLinger(true, 0); // dropped, not closed politely: the peer sees a reset
                s.close();
            }
            await("every dropped stream is closed on the server (round " + round + ")",
                    () -> ioSafe(() -> openStreams() == 0));
        }
        await("no thread is left over but idle ones of Jetty's pool and the test's HTTP client; before: " + threadsBefore
                + "; now: " + threads(), () -> threadsBefore.containsAll(threads()));
        long heapAfter = heapAfterGc();
        System.out.println("AdminEventStreamsIT: " + ROUNDS * LIMIT + " streams opened and dropped; threads "
                + threadsBefore.size() + " -> " + threads().size() + " (" + ManagementFactory.getThreadMXBean().getThreadCount()
                + " with Jetty's pool and the client); heap after GC "
                + heapBefore / 1024 + " KiB -> " + heapAfter / 1024 + " KiB");
        // a leaked stream keeps its request, response and buffers (Jetty's output buffer alone is 32 KiB):
        // 192 of them would be well above this bound, which leaves room for the noise of a shared JVM
        assertTrue("heap grew by " + (heapAfter - heapBefore) / 1024 + " KiB", heapAfter - heapBefore < 16L * 1024 * 1024);
        long streamThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("tessera-web-events")).count();
        assertEquals("the hub writes on one thread of its own", 1, streamThreads);
    }

    /**
     * The names of the JVM's threads, without Jetty's pool ({@code qtp…}: it grows under load and
     * shrinks after its idle timeout of a minute, whatever the streams do) and the test's own HTTP client.
     */
    private static List<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> !n.startsWith("qtp") && !n.startsWith("HttpClient-")).sorted().toList();
    }

    interface IoCheck {
        boolean test() throws Exception;
    }

    private static boolean ioSafe(IoCheck check) {
        try {
            return check.test();
        } catch (Exception e) {
            return false;
        }
    }
}
