package io.tessera.registry.internal.engine;

import java.util.List;
import java.util.Set;

import io.tessera.core.AppState;
import io.tessera.registry.internal.index.Origin;

/**
 * What the registry knows about an app bundle that is installed but not running its app, read
 * from the framework outside the engine: the labels it is known by, and why it is not running.
 * The engine lists one app per label (or one with no label when none is known yet), in
 * {@code state} with {@code reason}. Immutable.
 *
 * @param labels the labels the bundle declares or last published; empty if none is known yet
 * @param state  {@link AppState#STOPPED}, or {@link AppState#FAILED} when its activator threw
 * @param reason the whole reason, naming the bundle id and what to do ("bundle 7 is stopped: start 7")
 * @param brief  the same in a few words, for an app that requires it ("stopped (start 7)")
 * @param system the labels among {@code labels} that are system apps (declared so in the
 *               {@code Tessera-App} header, or when the bundle last ran them): they cannot be
 *               disabled, running or not
 */
public record InactiveBundle(Origin origin, List<String> labels, AppState state, String reason, String brief,
        Set<String> system) {

    public InactiveBundle {
        labels = List.copyOf(labels);
        system = Set.copyOf(system);
    }

    /** A bundle none of whose apps is known to be a system app. */
    public InactiveBundle(Origin origin, List<String> labels, AppState state, String reason, String brief) {
        this(origin, labels, state, reason, brief, Set.of());
    }
}
