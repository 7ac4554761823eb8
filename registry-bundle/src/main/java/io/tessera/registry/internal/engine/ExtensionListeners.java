package io.tessera.registry.internal.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tessera.core.App;
import io.tessera.core.AppEvent;
import io.tessera.core.AppState;
import io.tessera.core.ExtensionListener;
import io.tessera.registry.internal.Log;
import io.tessera.registry.internal.index.AppRecord;
import io.tessera.registry.internal.index.ContributionRecord;
import io.tessera.registry.internal.index.ExtensionIndex;
import io.tessera.registry.internal.index.PointView;

/**
 * The {@link ExtensionListener}s, told of each point's contributions in order with app events.
 * They follow their own copy of the contributions, fed by the event stream as
 * {@link ModelOperations} follows the models: an app's contributions join it with its READY
 * event and leave it with the event after, so each listener sees the view as it was right after
 * that event. Event thread only.
 */
final class ExtensionListeners {

    private record Listening(String point, ExtensionListener<Object> listener) {
    }

    private final ExtensionIndex seen = new ExtensionIndex();
    private final Map<Object, Listening> byHandle = new LinkedHashMap<>();
    private final Map<String, Set<Listening>> byPoint = new HashMap<>();

    /** Registers a listener and tells it the point's contributions now. */
    void add(Object handle, String point, ExtensionListener<Object> listener) {
        Listening l = new Listening(point, listener);
        byHandle.put(handle, l);
        byPoint.computeIfAbsent(point, k -> new LinkedHashSet<>()).add(l);
        tell(l);
    }

    void remove(Object handle) {
        Listening l = byHandle.remove(handle);
        Set<Listening> set = l == null ? null : byPoint.get(l.point());
        if (set != null && set.remove(l) && set.isEmpty()) {
            byPoint.remove(l.point());
        }
    }

    /** Follows one event: a READY app's contributions arrive, an app no longer READY takes its own away. */
    void onEvent(AppEvent event) {
        if (!(event.app() instanceof AppRecord app) || app.candidate().extensions().contributions().isEmpty()) {
            return;
        }
        boolean arrives = event.type() == AppEvent.Type.READY;
        boolean leaves = event.previousState() == AppState.READY;
        if (!arrives && !leaves) {
            return;
        }
        if (leaves) {
            seen.withdraw(app.candidate());
        }
        if (arrives) {
            seen.publish(app.candidate());
        }
        Set<String> points = new LinkedHashSet<>();
        for (ContributionRecord c : app.candidate().extensions().contributions()) {
            points.add(c.point());
        }
        for (String p : points) {
            for (Listening l : List.copyOf(byPoint.getOrDefault(p, Set.of()))) {
                tell(l);
            }
        }
    }

    /** Rebuilds the copy from the index's apps (events were not queued while nobody listened). */
    void resync(List<App> apps) {
        seen.clear();
        for (App a : apps) {
            if (a.state() == AppState.READY && a instanceof AppRecord r) {
                seen.publish(r.candidate());
            }
        }
    }

    /** Forgets the copy, which would otherwise keep the classes of apps long gone. */
    void forget() {
        seen.clear();
    }

    private void tell(Listening l) {
        PointView view = seen.find(l.point());
        PointView now = view == null ? PointView.empty(l.point()) : view;
        Throwable t = Hooks.run(() -> l.listener().extensionsChanged(now));
        if (t != null) {
            Log.warn("extension listener " + l.listener().getClass().getName() + " threw on " + l.point()
                    + "; other listeners are unaffected", t);
        }
    }
}
