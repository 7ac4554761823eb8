package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.tessera.registry.internal.Log;
import io.tessera.registry.internal.activation.LoadFilter;
import io.tessera.registry.internal.index.AppIndex;
import io.tessera.registry.internal.index.Candidate;

/**
 * The registry's single writer. Changes are queued, and one thread at a time, the <em>applier</em>,
 * takes everything queued and applies it to the index, running the hooks it calls for, so changes
 * never race and hooks never run concurrently. The applier is whichever caller finds no other
 * applier at work: usually the bundle thread that made the change, so that an app is READY by the
 * time its bundle's {@code start} returns without a hand-over to another thread. A caller that
 * finds an applier at work leaves its change to it and waits until it is applied.
 *
 * <p>Being the applier is a role, not a lock: readers never wait for it, and nothing the registry
 * guards is locked while a hook runs. A change made from inside a hook (an app starting another
 * bundle, say) is queued and applied after the hook returns, since waiting there would wait on
 * itself. Each pass takes and applies everything queued, until the queue is empty.
 *
 * <p>Participants ({@link io.tessera.core.spi.AppParticipant}) report from threads of their own,
 * and must not wait for the applier nor run app code: their reports are queued without waiting,
 * and when no applier is at work, the engine's own thread ({@code tessera-registry-reports},
 * started the first time it is needed) takes the role and applies them. A report made on the
 * applier (inside {@code prepare}) is seen in the same pass.
 */
public final class Engine {

    /** How long a caller waits for its change before giving up waiting (the change still happens). */
    private static final long WAIT_TIMEOUT_SECONDS = 30;

    private record Change(Runnable apply, CountDownLatch done) {
    }

    private final Reconciler reconciler;
    private final Gates gates = new Gates();
    private final EventSink events;
    private final Queue<Change> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Thread> applier = new AtomicReference<>();
    private final Runnable onIdle;
    private volatile boolean running = true;
    /** How many changes were applied: written by the applier only, read by anyone (a diagnostic). */
    private volatile long applied;
    /**
     * The thread running {@link #asOneBatch}, or null; while there is one, changes are collected
     * without being applied. A field, not a thread-local: Felix leaves an entry in a thread's
     * thread-local map for each service the thread ever got, so on a bundle thread every
     * thread-local lookup searches a crowded table.
     */
    private volatile Thread collector;
    /** Applies the participants' reports; started the first time one comes from another thread. */
    private volatile ExecutorService handOff;

    /**
     * @param onIdle called by the applier each time nothing is left to apply
     */
    Engine(AppIndex index, EventSink events, StaleBundles stale, Runnable onIdle) {
        this.reconciler = new Reconciler(index, events, stale, gates, this::reported);
        this.events = events;
        this.onIdle = onIdle;
    }

    public void add(Candidate candidate) {
        submit(() -> reconciler.add(candidate));
    }

    public void remove(long candidateId) {
        submit(() -> reconciler.remove(candidateId));
    }

    public void rename(long candidateId, String name) {
        submit(() -> reconciler.rename(candidateId, name));
    }

    /** Switches off the apps with these labels (the operator's disabled labels), and only those. */
    public void setDisabled(Supplier<Set<String>> labels) {
        submit(() -> {
            gates.disabled(labels.get()); // read when applied: the last change applied sees the last save
            reconciler.recheckAll();
        });
    }

    /** Enters or leaves safe mode. */
    public void setSafeMode(boolean on) {
        submit(() -> {
            gates.safeMode(on);
            reconciler.recheckAll();
        });
    }

    /** Replaces the load filter. */
    public void setFilter(LoadFilter filter) {
        submit(() -> {
            gates.filter(filter);
            reconciler.recheckAll();
        });
    }

    /**
     * Enables {@code label} for as long as its app is being prepared, and tells how that ended:
     * applies {@code disabled} (the saved labels without {@code label}) as {@link #setDisabled}
     * does, and completes the future with {@code null} once the app is READY, or in a state that
     * is not its participants' doing, or with the reason its preparation failed or waits. See
     * {@link EnableWatches}.
     */
    public CompletableFuture<String> enable(String label, Supplier<Set<String>> disabled) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        submit(() -> {
            gates.disabled(disabled.get());
            reconciler.recheckAll();
            reconciler.watchEnable(label, outcome);
        });
        if (!running) {
            outcome.complete("the registry is stopping");
        }
        return outcome;
    }

    /** A participant registered; see {@link Reconciler#participantAdded}. Returns once applied. */
    public void addParticipant(Participant p) {
        submit(() -> reconciler.participantAdded(p));
    }

    /** A participant unregistered; see {@link Reconciler#participantRemoved}. Returns once applied. */
    public void removeParticipant(long serviceId) {
        submit(() -> reconciler.participantRemoved(serviceId));
    }

    /** How many apps are PREPARING: a participant is at work on them. */
    public int preparing() {
        return reconciler.preparing();
    }

    /**
     * A participant reported on {@code t}, from any thread: the app is looked at again by the
     * applier. On the applier itself (a report from inside {@code prepare}) it is looked at in
     * this same pass; from another thread the change is queued and handed to the applier without
     * waiting for it, so the participant's thread never runs app code nor waits for it.
     */
    private void reported(Ticket t) {
        if (isApplying()) {
            reconciler.reported(t);
        } else {
            post(() -> reconciler.reported(t));
        }
    }

    /**
     * Queues {@code apply} and returns at once: applied by the applier at work, or else by the
     * engine's own thread, started the first time it is needed.
     */
    private void post(Runnable apply) {
        if (!running) {
            return;
        }
        enqueue(apply);
        if (isApplying() || collector != null) {
            return; // applied by this pass, or by the batch being collected
        }
        try {
            handOff().execute(this::applyQueued);
        } catch (RejectedExecutionException stopping) {
            // shut down since: what is left is applied by shutdown() or no longer matters
        }
    }

    private Executor handOff() {
        ExecutorService h = handOff;
        if (h == null) {
            synchronized (this) {
                h = handOff;
                if (h == null) {
                    h = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "tessera-registry-reports");
                        t.setDaemon(true);
                        return t;
                    });
                    handOff = h;
                }
            }
        }
        return h;
    }

    /** Evaluates the apps of this bundle again (its wiring changed). */
    void recheckBundle(long bundleId) {
        submit(() -> reconciler.recheckBundle(bundleId));
    }

    /**
     * Withdraws a config and, in the same batch, lists its bundle's apps as {@code then} says
     * (the bundle is stopping, say), so no reader finds the app missing in between.
     */
    public void remove(long candidateId, long bundleId, InactiveBundle then) {
        submit(() -> {
            reconciler.remove(candidateId);
            if (then != null) {
                reconciler.setInactive(bundleId, then);
            }
        });
    }

    /**
     * Lists the apps of a bundle that is installed but not running them as {@code facts} says, or,
     * with {@code null}, stops listing them. Ignored while the bundle has a config in the index.
     */
    public void setInactive(long bundleId, InactiveBundle facts) {
        submit(() -> reconciler.setInactive(bundleId, facts));
    }

    /**
     * Runs {@code changes} (calls to {@link #add} and {@link #remove}) and applies all they
     * submitted as one batch, so the apps present when the registry starts become READY in
     * dependency order, ties by label, whatever order their services were found in. One thread
     * at a time (the registry's activator).
     */
    public void asOneBatch(Runnable changes) {
        collector = Thread.currentThread();
        try {
            changes.run();
        } finally {
            collector = null;
        }
        submit(() -> { }); // returns once everything before it is applied
    }

    /** Whether the calling thread is the applier (so, when called from app code, runs inside a hook). */
    public boolean isApplying() {
        return applier.get() == Thread.currentThread();
    }

    /** How many changes the engine has applied so far (each submitted change counts once). */
    long changesApplied() {
        return applied;
    }

    /** Whether changes are queued or being applied. */
    public boolean isBusy() {
        return pending.get() > 0;
    }

    private void submit(Runnable apply) {
        if (!running) {
            return;
        }
        Change change = enqueue(apply);
        if (isApplying() || collector == Thread.currentThread()) {
            return;
        }
        applyQueued();
        await(change);
    }

    private Change enqueue(Runnable apply) {
        Change change = new Change(apply, new CountDownLatch(1));
        pending.incrementAndGet();
        queue.add(change);
        return change;
    }

    /**
     * Applies queued changes on the calling thread until none are left, unless another thread is
     * applying them. The queue is checked again after giving up the role: a change queued while
     * this thread still had it is then either seen here or applied by the thread that queued it.
     */
    private void applyQueued() {
        Thread me = Thread.currentThread();
        while (collector == null && !queue.isEmpty() && applier.compareAndSet(null, me)) {
            try {
                applyBatch();
            } finally {
                applier.set(null);
            }
        }
    }

    private void applyBatch() {
        List<Change> batch = new ArrayList<>();
        for (Change c = queue.poll(); c != null; c = queue.poll()) {
            batch.add(c);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            for (Change c : batch) {
                c.apply().run();
            }
            reconciler.reconcile();
        } catch (RuntimeException | LinkageError e) {
            Log.warn("the registry failed to apply a change; the index may be stale until the next one", e);
        } finally {
            for (Change c : batch) {
                c.done().countDown();
            }
            applied += batch.size(); // the one applier writes it
            boolean idle = pending.addAndGet(-batch.size()) == 0;
            events.flush(); // after the waiting callers were released
            if (idle) {
                onIdle.run();
            }
        }
    }

    private static void await(Change change) {
        try {
            if (!change.done().await(WAIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                Log.warn("a registry change has waited " + WAIT_TIMEOUT_SECONDS
                        + " s (is a ready() or stopping() hook blocked?); continuing without waiting", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Applies what is queued, then accepts no more changes. Call after the trackers are closed. */
    public void shutdown() {
        Change last = enqueue(reconciler::abandonEnables);
        running = false;
        if (!isApplying()) { // from a hook, what is queued is applied when the hook returns
            applyQueued();
            await(last);
        }
        ExecutorService h = handOff;
        if (h != null) {
            h.shutdown();
        }
    }
}
