package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tessera.registry.internal.Log;
import io.tessera.registry.internal.index.AppIndex;
import io.tessera.registry.internal.index.Candidate;

/**
 * The registry's single writer: one thread that applies every change to the index and runs
 * every hook, so changes never race and hooks never run concurrently. Callers on other threads
 * hand a change over and wait until it is fully applied (so an app is READY by the time its
 * bundle's {@code start} returns); a change made from inside a hook is queued instead, since
 * waiting there would wait on itself.
 */
public final class Engine {

    /** How long a caller waits for its change before giving up waiting (the change still happens). */
    private static final long HANDOFF_TIMEOUT_SECONDS = 30;

    private record Change(Runnable apply, CountDownLatch done) {
    }

    private final Reconciler reconciler;
    private final EventSink events;
    private final BlockingQueue<Change> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Runnable onIdle;
    private final Thread thread;
    private volatile boolean running = true;
    /** While held, the engine collects changes without applying them; see {@link #asOneBatch}. */
    private final Object gate = new Object();
    private boolean held;
    private final ThreadLocal<Boolean> collecting = ThreadLocal.withInitial(() -> false);

    /**
     * @param onIdle called on the engine thread each time it has nothing left to do
     */
    public Engine(AppIndex index, EventSink events, Runnable onIdle) {
        this.reconciler = new Reconciler(index, events);
        this.events = events;
        this.onIdle = onIdle;
        this.thread = new Thread(this::loop, "tessera-registry");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public void add(Candidate candidate) {
        submit(() -> reconciler.add(candidate));
    }

    public void remove(long candidateId) {
        submit(() -> reconciler.remove(candidateId));
    }

    /**
     * Runs {@code changes} (calls to {@link #add} and {@link #remove}) and applies all they
     * submitted as one batch, so the apps present when the registry starts become READY in
     * dependency order, ties by label, whatever order their services were found in.
     */
    public void asOneBatch(Runnable changes) {
        synchronized (gate) {
            held = true;
        }
        collecting.set(true);
        try {
            changes.run();
        } finally {
            collecting.set(false);
            synchronized (gate) {
                held = false;
                gate.notifyAll();
            }
        }
        submit(() -> { }); // returns once everything before it is applied
    }

    /** Whether the calling thread is the engine's (that is, runs inside a hook). */
    public boolean isEngineThread() {
        return Thread.currentThread() == thread;
    }

    /** Whether changes are queued or being applied. */
    public boolean isBusy() {
        return pending.get() > 0;
    }

    private void submit(Runnable apply) {
        if (!running) {
            return;
        }
        Change change = new Change(apply, new CountDownLatch(1));
        pending.incrementAndGet();
        queue.add(change);
        if (isEngineThread() || collecting.get()) {
            return;
        }
        try {
            if (!change.done().await(HANDOFF_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                Log.warn("a registry change has waited " + HANDOFF_TIMEOUT_SECONDS
                        + " s (is a ready() or stopping() hook blocked?); continuing without waiting", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        List<Change> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                batch.add(queue.take());
                synchronized (gate) {
                    while (held) {
                        gate.wait();
                    }
                }
                queue.drainTo(batch);
                for (Change c : batch) {
                    c.apply().run();
                }
                reconciler.reconcile();
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException | LinkageError e) {
                Log.warn("the registry failed to apply a change; the index may be stale until the next one", e);
            } finally {
                for (Change c : batch) {
                    c.done().countDown();
                }
                boolean idle = !batch.isEmpty() && pending.addAndGet(-batch.size()) == 0;
                events.flush(); // after the waiting callers were released
                if (idle) {
                    onIdle.run();
                }
                batch.clear();
            }
        }
    }

    /** Applies what is queued, then ends the thread. Call after the trackers are closed. */
    public void shutdown() throws InterruptedException {
        running = false;
        pending.incrementAndGet();
        queue.add(new Change(() -> { }, new CountDownLatch(1))); // wakes the thread so it can end
        thread.join(TimeUnit.SECONDS.toMillis(HANDOFF_TIMEOUT_SECONDS));
    }
}
