package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.tessera.core.App;
import io.tessera.core.AppEvent;
import io.tessera.core.AppListener;
import io.tessera.core.AppState;
import io.tessera.core.ModelOperation;
import io.tessera.core.Registration;
import io.tessera.registry.internal.Log;
import io.tessera.registry.internal.index.AppRecord;

/**
 * Delivers the engine's events to listeners and model operations, one at a time, in order, on
 * its own thread, so a slow or throwing listener never holds up the registry itself. The engine
 * wakes it once per applied change rather than once per event, after releasing the thread that
 * waits for the change: on two cores, every wake-up competes with that thread.
 */
public final class EventDispatcher implements EventSink {

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final List<AppListener> listeners = new CopyOnWriteArrayList<>();
    /** The last event's app for each app, for replay to late listeners. Event thread only. */
    private final Map<Long, App> current = new LinkedHashMap<>();
    private final ModelOperations operations = new ModelOperations();
    private final Runnable onIdle;
    private final Thread thread;
    private volatile boolean running = true;

    public EventDispatcher(Runnable onIdle) {
        this.onIdle = onIdle;
        this.thread = new Thread(this::loop, "tessera-events");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void publish(AppEvent event) {
        pending.incrementAndGet();
        queue.add(() -> deliver(event));
    }

    @Override
    public void flush() {
        LockSupport.unpark(thread);
    }

    public void addListener(AppListener listener) {
        enqueue(() -> {
            for (App app : current.values()) {
                notify(listener, new AppEvent(AppEvent.Type.INSTALLED, app, null, 0));
                if (app.state() != AppState.INSTALLED) {
                    notify(listener, new AppEvent(AppEvent.typeOf(app.state()), app, AppState.INSTALLED, 0));
                }
            }
            listeners.add(listener);
        });
    }

    public void removeListener(AppListener listener) {
        listeners.remove(listener);
    }

    public Registration whenModelsReady(ModelOperation operation, String... keys) {
        List<String> normalized = new ArrayList<>(keys.length);
        for (String k : keys) {
            normalized.add(ModelOperations.normalize(k));
        }
        Object handle = new Object();
        enqueue(() -> operations.add(handle, operation, List.copyOf(normalized)));
        return new Registration() {
            private volatile boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    enqueue(() -> operations.remove(handle));
                }
            }
        };
    }

    /** Whether every event published so far has been delivered. */
    public boolean isIdle() {
        return pending.get() == 0;
    }

    public boolean isEventThread() {
        return Thread.currentThread() == thread;
    }

    private void deliver(AppEvent event) {
        if (event.type() == AppEvent.Type.REMOVED) {
            current.remove(idOf(event));
        } else {
            current.put(idOf(event), event.app());
        }
        operations.onEvent(event);
        for (AppListener l : listeners) {
            notify(l, event);
        }
    }

    private static long idOf(AppEvent event) {
        return ((AppRecord) event.app()).id();
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
