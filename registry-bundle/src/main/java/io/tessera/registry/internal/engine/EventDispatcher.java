package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.tessera.core.App;
import io.tessera.core.AppEvent;
import io.tessera.core.AppListener;
import io.tessera.core.AppState;
import io.tessera.core.ExtensionListener;
import io.tessera.core.ModelOperation;
import io.tessera.core.Registration;
import io.tessera.registry.internal.Log;

/**
 * Delivers the engine's events to listeners and model operations, one at a time, in order, on
 * its own thread, so a slow or throwing listener never holds up the registry itself. The engine
 * wakes it once per applied change rather than once per event, after releasing the thread that
 * waits for the change: on two cores, every wake-up competes with that thread.
 *
 * <p>While nobody listens (no listener, no pending model operation), events are not queued at
 * all. Whoever subscribes gets the current state from the index instead, taken in the same step
 * as publishing (see {@link EventSink#publish}), so it is exactly the state the next event
 * follows from.
 */
public final class EventDispatcher implements EventSink {

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final List<AppListener> listeners = new CopyOnWriteArrayList<>();
    /** Guards the index change with the queueing of its event, and the subscriber count. */
    private final Object publishing = new Object();
    private int subscribers;
    private final Supplier<List<App>> snapshot;
    private final ModelOperations operations = new ModelOperations();
    private final ExtensionListeners extensionListeners = new ExtensionListeners();
    private final Runnable onIdle;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param snapshot every app the index holds, for replay to new subscribers
     * @param onIdle called on the event thread each time it has delivered everything
     */
    public EventDispatcher(Supplier<List<App>> snapshot, Runnable onIdle) {
        this.snapshot = snapshot;
        this.onIdle = onIdle;
        this.thread = new Thread(this::loop, "tessera-events");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void publish(AppEvent event, Runnable indexChange) {
        synchronized (publishing) {
            indexChange.run();
            if (subscribers > 0) {
                pending.incrementAndGet();
                queue.add(() -> deliver(event));
            }
        }
    }

    @Override
    public void flush() {
        if (!queue.isEmpty()) {
            LockSupport.unpark(thread);
        }
    }

    /** The listener is first told the state of every app, then every change after it. */
    public void addListener(AppListener listener) {
        subscribe(apps -> {
            for (App app : apps) {
                notify(listener, new AppEvent(AppEvent.Type.INSTALLED, app, null, 0));
                if (app.state() != AppState.INSTALLED) {
                    notify(listener, new AppEvent(AppEvent.typeOf(app.state()), app, AppState.INSTALLED, 0));
                }
            }
            listeners.add(listener);
        });
    }

    public void removeListener(AppListener listener) {
        if (listeners.remove(listener)) {
            unsubscribe();
        } else {
            enqueue(() -> { // it may still be waiting for its replay
                if (listeners.remove(listener)) {
                    unsubscribe();
                }
            });
        }
    }

    /** The listener is first told the point's contributions now, then after each event that changes them. */
    public Registration onExtensionsChanged(String point, ExtensionListener<Object> listener) {
        Object handle = new Object();
        subscribe(apps -> extensionListeners.add(handle, point, listener));
        return closing(() -> extensionListeners.remove(handle));
    }

    public Registration whenModelsReady(ModelOperation operation, String... keys) {
        List<String> normalized = new ArrayList<>(keys.length);
        for (String k : keys) {
            normalized.add(ModelOperations.normalize(k));
        }
        Object handle = new Object();
        subscribe(apps -> operations.add(handle, operation, List.copyOf(normalized)));
        return closing(() -> operations.remove(handle));
    }

    /** A registration whose first close runs {@code remove}, then counts the subscriber out, on the event thread. */
    private Registration closing(Runnable remove) {
        return new Registration() {
            private volatile boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    enqueue(() -> {
                        remove.run();
                        unsubscribe();
                    });
                }
            }
        };
    }

    /**
     * Counts a subscriber and queues {@code task} with the index as it is now. If nobody was
     * subscribed before, events were dropped, so the model operations' view of which models are
     * available is first brought up to date from the same snapshot.
     */
    private void subscribe(Consumer<List<App>> task) {
        synchronized (publishing) {
            boolean resync = subscribers++ == 0;
            List<App> apps = snapshot.get();
            enqueue(() -> {
                if (resync) {
                    operations.resync(apps);
                    extensionListeners.resync(apps);
                }
                task.accept(apps);
            });
        }
    }

    /**
     * Counts a subscriber out. When the last goes, events stop being queued, so the model
     * operations' view of which models are available would no longer be trimmed as apps leave,
     * and would keep the models (and classes) of apps long gone: it is emptied instead, and the
     * next subscriber rebuilds it from the index.
     */
    private void unsubscribe() {
        synchronized (publishing) {
            if (--subscribers == 0) {
                enqueue(() -> { // on the event thread, before any later subscriber's resync
                    operations.forgetAvailable();
                    extensionListeners.forget();
                });
            }
        }
    }

    /** Whether every event published so far has been delivered. */
    public boolean isIdle() {
        return pending.get() == 0;
    }

    public boolean isEventThread() {
        return Thread.currentThread() == thread;
    }

    private void deliver(AppEvent event) {
        operations.onEvent(event);
        for (AppListener l : listeners) {
            notify(l, event);
        }
        extensionListeners.onEvent(event); // after the event that changed the contributions
    }

    private static void notify(AppListener listener, AppEvent event) {
        Throwable t = Hooks.run(() -> listener.appChanged(event));
        if (t != null) {
            Log.warn("listener " + listener.getClass().getName() + " threw on " + event + "; other listeners are"
                    + " unaffected", t);
        }
    }

    private void enqueue(Runnable task) {
        pending.incrementAndGet();
        queue.add(task);
        flush();
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            Runnable task = queue.poll();
            if (task == null) {
                LockSupport.park(this); // an unpark before this park makes it return at once
                continue;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                Log.warn("event delivery failed", e);
            } finally {
                if (pending.decrementAndGet() == 0) {
                    onIdle.run();
                }
            }
        }
    }

    /** Delivers what is queued, then ends the thread. */
    public void shutdown() throws InterruptedException {
        running = false;
        enqueue(() -> { });
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
