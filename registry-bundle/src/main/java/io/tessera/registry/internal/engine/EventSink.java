package io.tessera.registry.internal.engine;

import io.tessera.core.AppEvent;

/** Where the engine sends each change, in order, after the index shows it. */
public interface EventSink {

    /** Queues an event; it may wait for {@link #flush()} to be delivered. */
    void publish(AppEvent event);

    /** Starts delivering what was published: the engine calls it once per applied batch. */
    default void flush() {
    }
}
