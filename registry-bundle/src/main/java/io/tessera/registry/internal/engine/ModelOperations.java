package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.tessera.core.App;
import io.tessera.core.AppEvent;
import io.tessera.core.AppState;
import io.tessera.core.Model;
import io.tessera.core.ModelOperation;
import io.tessera.registry.internal.Log;

/**
 * Django's pending lazy model operations, kept alive: each runs when all its models are
 * available, is told when one leaves and runs again when all are back. Fed by the event stream,
 * so it agrees with what listeners see (and brought up to date from the index when events were
 * not being queued because nobody listened). Event thread only.
 */
final class ModelOperations {

    private final class Pending {
        final ModelOperation operation;
        final List<String> keys;
        boolean complete;

        Pending(ModelOperation operation, List<String> keys) {
            this.operation = operation;
            this.keys = keys;
        }
    }

    private final Map<String, Model> available = new HashMap<>();
    private final Map<String, Set<Pending>> byKey = new HashMap<>();
    private final Map<Object, Pending> byHandle = new HashMap<>();

    /** {@code "blog.Post"} and {@code "blog.post"} both give {@code "blog.post"}. */
    static String normalize(String key) {
        int dot = key == null ? -1 : key.indexOf('.');
        if (dot <= 0 || dot == key.length() - 1) {
            throw new IllegalArgumentException("Model key '" + key
                    + "' must be of the form 'app_label.ModelName', for example 'blog.Post'.");
        }
        return key.substring(0, dot) + "." + key.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    void add(Object handle, ModelOperation operation, List<String> normalizedKeys) {
        Pending p = new Pending(operation, normalizedKeys);
        byHandle.put(handle, p);
        for (String k : new LinkedHashSet<>(normalizedKeys)) {
            byKey.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(p);
        }
        fireIfComplete(p);
    }

    void remove(Object handle) {
        Pending p = byHandle.remove(handle);
        if (p != null) {
            for (String k : p.keys) {
                Set<Pending> set = byKey.get(k);
                if (set != null && set.remove(p) && set.isEmpty()) {
                    byKey.remove(k);
                }
            }
        }
    }

    /** Makes the available models those of the READY apps in {@code apps}. */
    void resync(List<App> apps) {
        available.clear();
        for (App app : apps) {
            if (app.state() == AppState.READY) {
                for (Model m : app.models()) {
                    available.put(normalize(m.key()), m);
                }
            }
        }
    }

    /** Forgets which models are available, while nobody subscribes; {@link #resync} rebuilds it. */
    void forgetAvailable() {
        available.clear();
    }

    void onEvent(AppEvent event) {
        App app = event.app();
        boolean arrived = event.type() == AppEvent.Type.READY;
        boolean left = event.previousState() == AppState.READY && event.type() != AppEvent.Type.READY;
        if (!arrived && !left) {
            return;
        }
        Set<Pending> touched = new LinkedHashSet<>();
        for (Model m : app.models()) {
            String k = normalize(m.key());
            if (arrived) {
                available.put(k, m);
            } else {
                available.remove(k);
            }
            touched.addAll(byKey.getOrDefault(k, Set.of()));
        }
        for (Pending p : touched) {
            if (arrived) {
                fireIfComplete(p);
            } else if (p.complete) {
                p.complete = false;
                Model gone = firstMissing(p, app);
                call(() -> p.operation.unavailable(gone));
            }
        }
    }

    private Model firstMissing(Pending p, App app) {
        for (String k : p.keys) {
            if (!available.containsKey(k)) {
                for (Model m : app.models()) {
                    if (normalize(m.key()).equals(k)) {
                        return m;
                    }
                }
            }
        }
        return app.models().get(0);
    }

    private void fireIfComplete(Pending p) {
        if (p.complete) {
            return;
        }
        List<Model> models = new ArrayList<>(p.keys.size());
        for (String k : p.keys) {
            Model m = available.get(k);
            if (m == null) {
                return;
            }
            models.add(m);
        }
        p.complete = true;
        call(() -> p.operation.available(List.copyOf(models)));
    }

    private static void call(Runnable callback) {
        Throwable t = Hooks.run(callback);
        if (t != null) {
            Log.warn("a model operation threw", t);
        }
    }
}
