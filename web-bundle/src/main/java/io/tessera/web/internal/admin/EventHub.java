package io.tessera.web.internal.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.tessera.core.AppEvent;
import io.tessera.core.AppListener;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The server-sent event streams of {@code /tessera/api/events}. As an {@link AppListener} it
 * sends every app change to every open stream as {@code event: app} (data: {@link Views.EventView});
 * it sends the deploy folder's report as {@code event: deploy} whenever it changes (checked every
 * {@value #TICK_MILLIS} ms while a stream is open), and a comment line on every tick, which is how a
 * client that went away is noticed: its write fails and its stream is closed.
 *
 * <p>Threads: streams hold no thread while idle (servlet async mode). All writing happens on one
 * thread of the hub's own, {@code tessera-web-events}, so the registry's event thread never waits
 * for a client. At most {@link #maxStreams} streams are open at once.
 */
final class EventHub implements AppListener {

    static final long TICK_MILLIS = 500;

    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tessera-web-events");
        t.setDaemon(true);
        return t;
    });
    private final Predicate<String> enabled;
    private final Supplier<Object> deployReport;
    private final int maxStreams;
    private Object lastDeploy; // writer thread only

    /**
     * @param enabled      whether a label is enabled (read on the writer thread)
     * @param deployReport the deploy folder's report as the API shows it
     */
    EventHub(Predicate<String> enabled, Supplier<Object> deployReport, int maxStreams) {
        this.enabled = enabled;
        this.deployReport = deployReport;
        this.maxStreams = maxStreams;
        writer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The number of streams open now. */
    int openStreams() {
        return streams.size();
    }

    @Override
    public void appChanged(AppEvent event) {
        if (streams.isEmpty()) {
            // nobody to tell: no rendering (a stream opened meanwhile reads the state after it is open)
            return;
        }
        try {
            writer.execute(() -> send("app", event.sequence(), Json.bytes(Views.event(event, enabled))));
        } catch (RejectedExecutionException closed) {
            // the hub is closing: nobody is listening any more
        }
    }

    /** Opens a stream for this request, which must have been dispatched with async support. */
    void open(HttpServletRequest request, HttpServletResponse response) throws IOException, Json.Refused {
        if (streams.size() >= maxStreams) {
            throw new Json.Refused(503, "Too many event streams are open (" + maxStreams + "); close one and retry.",
                    Map.of("Retry-After", "5"), List.of());
        }
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        Stream stream = new Stream(async, response.getOutputStream());
        async.addListener(stream);
        streams.add(stream);
        // the first bytes commit the response, so the client knows at once that it is connected
        writer.execute(() -> stream.write(": connected\nretry: 1000\n\n".getBytes(StandardCharsets.UTF_8)));
    }

    private void send(String event, long id, byte[] json) {
        StringBuilder head = new StringBuilder();
        if (id > 0) {
            head.append("id: ").append(id).append('\n');
        }
        head.append("event: ").append(event).append("\ndata: ");
        byte[] prefix = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + json.length + 2];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(json, 0, message, prefix.length, json.length);
        message[message.length - 2] = '\n';
        message[message.length - 1] = '\n';
        for (Stream s : streams) {
            s.write(message);
        }
    }

    private void tick() {
        if (streams.isEmpty()) {
            lastDeploy = null;
            return;
        }
        try {
            Object deploy = deployReport.get();
            if (!Objects.equals(deploy, lastDeploy)) {
                lastDeploy = deploy;
                send("deploy", 0, Json.bytes(deploy));
            }
        } catch (RuntimeException e) {
            // the registry is going away; the next tick tries again
        }
        byte[] ping = ":\n\n".getBytes(StandardCharsets.UTF_8);
        for (Stream s : streams) {
            s.write(ping);
        }
    }

    /**
     * Ends every stream and the writer thread; waits for the writer for at most five seconds, so that
     * nothing of this bundle's (or Jackson's) is still running when the framework closes the jars.
     */
    void close() throws InterruptedException {
        writer.shutdownNow();
        writer.awaitTermination(5, TimeUnit.SECONDS);
        for (Stream s : streams) {
            s.end();
        }
    }

    /** One open stream; written only on the writer thread. */
    private final class Stream implements AsyncListener {
        private final AsyncContext async;
        private final ServletOutputStream out;

        Stream(AsyncContext async, ServletOutputStream out) {
            this.async = async;
            this.out = out;
        }

        void write(byte[] bytes) {
            if (!streams.contains(this)) {
                return;
            }
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException | IllegalStateException gone) {
                end();
            }
        }

        void end() {
            if (streams.remove(this)) {
                try {
                    async.complete();
                } catch (IllegalStateException alreadyDone) {
                    // the container ended it first
                }
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            streams.remove(this);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end();
        }

        @Override
        public void onError(AsyncEvent event) {
            end();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
