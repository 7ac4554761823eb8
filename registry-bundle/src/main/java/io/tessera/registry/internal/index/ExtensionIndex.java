package io.tessera.registry.internal.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contributions of READY apps by extension point: what {@code AppRegistry.extensions} reads.
 * One writer (the engine's applier, as it publishes an app READY or no longer READY) publishes a
 * new map with the points that changed replaced by new immutable {@link PointView}s; readers read
 * one volatile field and do one {@code HashMap.get}, and never block. Only apps that contribute pay
 * for the copy, and there are few points. A point with no contribution has no entry. The event
 * thread keeps a second instance, fed by events, for listeners.
 */
public final class ExtensionIndex {

    /** Never changed once published: replaced as a whole. */
    private volatile Map<String, PointView> byPoint = Map.of();

    /** Adds the sound contributions of {@code app}, which is being published READY. */
    public void publish(Candidate app) {
        List<ContributionRecord> added = app.extensions().contributions();
        if (added.isEmpty()) {
            return;
        }
        Map<String, PointView> next = new HashMap<>(byPoint);
        for (ContributionRecord c : added) {
            next.compute(c.point(), (p, view) -> (view == null ? PointView.empty(p) : view).with(c));
        }
        byPoint = next;
    }

    /** Removes the contributions of {@code app}, which stops being READY. */
    public void withdraw(Candidate app) {
        List<ContributionRecord> removed = app.extensions().contributions();
        if (removed.isEmpty()) {
            return;
        }
        Map<String, PointView> next = new HashMap<>(byPoint);
        for (ContributionRecord c : removed) {
            next.computeIfPresent(c.point(), (p, view) -> view.without(app.id()));
        }
        byPoint = next;
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
        byPoint = Map.of();
    }
}
