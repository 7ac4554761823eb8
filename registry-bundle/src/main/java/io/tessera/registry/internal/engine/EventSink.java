package io.tessera.registry.internal.engine;

import io.tessera.core.AppEvent;

/** Where the engine sends each change, in order, together with the index update that shows it. */
public interface EventSink {

    /**
     * Applies {@code indexChange} and queues {@code event} as one step, so that whoever starts
     * listening sees the index either before both or after both; the event may wait for
     * {@link #flush()} to be delivered.
     */
    void publish(AppEvent event, Runnable indexChange);

    /** Starts delivering what was published: the engine calls it once per applied batch. */
    default void flush() {
    }
}
