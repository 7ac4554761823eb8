package io.tessera.registry.internal.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contributions of READY apps by extension point: what {@code AppRegistry.extensions} reads.
 * One writer (the engine's applier, as it publishes an app READY or no longer READY) replaces a
 * point's immutable {@link PointView}; readers get one map lookup and never block. A point with no
 * contribution has no entry. The event thread keeps a second instance, fed by events, for listeners.
 */
public final class ExtensionIndex {

    private final Map<String, PointView> byPoint = new ConcurrentHashMap<>();

    /** Adds the sound contributions of {@code app}, which is being published READY. */
    public void publish(Candidate app) {
        for (ContributionRecord c : app.extensions().contributions()) {
            byPoint.compute(c.point(), (p, view) -> (view == null ? PointView.empty(p) : view).with(c));
        }
    }

    /** Removes the contributions of {@code app}, which stops being READY. */
    public void withdraw(Candidate app) {
        for (ContributionRecord c : app.extensions().contributions()) {
            byPoint.computeIfPresent(c.point(), (p, view) -> view.without(app.id()));
        }
    }

    /** The view of {@code point}; {@code null} when nobody contributes to it. */
    public PointView find(String point) {
        return byPoint.get(point);
    }

    /** Whether a READY app contributes to {@code point}. */
    public boolean has(String point) {
        return byPoint.containsKey(point);
    }

    /** Every point that has a contribution, in no particular order. */
    public List<PointView> views() {
        return new ArrayList<>(byPoint.values());
    }

    /** Forgets everything (the event thread's copy, when nobody listens any more). */
    public void clear() {
        byPoint.clear();
    }
}
