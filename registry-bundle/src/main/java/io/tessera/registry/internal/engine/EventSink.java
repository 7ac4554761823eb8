package io.tessera.registry.internal.engine;

import io.tessera.core.AppEvent;

/** Where the engine sends each change, in order, after the index shows it. */
public interface EventSink {
    void publish(AppEvent event);
}
