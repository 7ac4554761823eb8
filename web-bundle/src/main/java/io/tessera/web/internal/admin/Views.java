package io.tessera.web.internal.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.tessera.core.App;
import io.tessera.core.AppEvent;
import io.tessera.core.Model;
import io.tessera.core.ModelField;
import io.tessera.core.Requirement;

/**
 * The JSON shapes of the admin API, as records Jackson writes, built from the registry's immutable
 * snapshots. Pure functions of their arguments; any thread.
 */
final class Views {

    private Views() {
    }

    /** One app: what {@code apps:info} says, plus whether the operator left it enabled. */
    record AppView(String label, String name, String verboseName, String version, String state, String reason,
            boolean enabled, boolean system, long bundleId, String symbolicName, String location,
            List<RequirementView> requires, List<ModelView> models) {
    }

    record RequirementView(String label, String range, boolean optional) {
    }

    /** One model; {@code app} is its app's label, {@code key} is {@code label.Model}. */
    record ModelView(String key, String app, String name, String verboseName, String className,
            List<FieldView> fields) {
    }

    /** {@code reference} is the {@code label.Model} the field points at, or {@code null}. */
    record FieldView(String name, String type, String reference, String verboseName) {
    }

    /** One change, as the event stream sends it. */
    record EventView(String type, String previous, long sequence, AppView app) {
    }

    /**
     * The requirement graph: every app as a node, with its layer (0 for apps that require no app
     * present; otherwise one more than the highest layer it requires), and an edge from each app to
     * each label it requires. A required label no app has is a node in state {@code MISSING}.
     */
    record Graph(List<Node> nodes, List<Edge> edges) {
    }

    record Node(String label, String state, int layer, long bundleId) {
    }

    record Edge(String from, String to, String range, boolean optional) {
    }

    static AppView app(App a, Predicate<String> enabled) {
        List<RequirementView> requires = new ArrayList<>();
        for (Requirement r : a.requirements()) {
            requires.add(new RequirementView(r.label(), r.acceptsAnyVersion() ? "" : r.range().toString(),
                    r.isOptional()));
        }
        List<ModelView> models = new ArrayList<>();
        for (Model m : a.models()) {
            models.add(model(m));
        }
        return new AppView(a.label(), a.name(), a.verboseName(), a.version().toString(), a.state().name(),
                a.reason(), enabled.test(a.label()), a.config() != null && a.config().system(), a.bundleId(),
                a.symbolicName(), a.location(), requires, models);
    }

    static ModelView model(Model m) {
        List<FieldView> fields = new ArrayList<>();
        for (ModelField f : m.fields()) {
            fields.add(new FieldView(f.name(), f.typeName(), f.reference().orElse(null), f.verboseName()));
        }
        return new ModelView(m.key(), m.appLabel(), m.name(), m.verboseName(), m.className(), fields);
    }

    static EventView event(AppEvent e, Predicate<String> enabled) {
        return new EventView(e.type().name(), e.previousState() == null ? null : e.previousState().name(),
                e.sequence(), app(e.app(), enabled));
    }

    /** {@code apps} in the registry's dependency order, so every app comes after what it requires. */
    static Graph graph(List<App> apps) {
        Map<String, Integer> layers = new HashMap<>();
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (App a : apps) {
            layers.putIfAbsent(a.label(), 0);
        }
        for (App a : apps) {
            int layer = 0;
            for (Requirement r : a.requirements()) {
                if (r.label().equals(a.label())) {
                    continue;
                }
                edges.add(new Edge(a.label(), r.label(), r.acceptsAnyVersion() ? "" : r.range().toString(),
                        r.isOptional()));
                Integer below = layers.get(r.label());
                layer = Math.max(layer, below == null ? 1 : below + 1);
            }
            layers.put(a.label(), Math.max(layer, layers.get(a.label())));
            // a label can be both a stopped bundle's and a running app's: one node, the first in order
            nodes.putIfAbsent(a.label(), new Node(a.label(), a.state().name(), layers.get(a.label()), a.bundleId()));
            nodes.computeIfPresent(a.label(), (k, n) -> new Node(k, n.state(), layers.get(k), n.bundleId()));
        }
        for (Edge e : edges) {
            nodes.putIfAbsent(e.to(), new Node(e.to(), "MISSING", 0, -1));
        }
        return new Graph(new ArrayList<>(nodes.values()), edges);
    }
}
