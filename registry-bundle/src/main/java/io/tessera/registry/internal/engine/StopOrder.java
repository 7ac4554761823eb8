package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The order in which apps step down: each after every app in the set that needs it (requires it,
 * or has a required extension point it contributes to), otherwise in the given order. Used only
 * by the engine's applier.
 */
final class StopOrder {

    private StopOrder() {
    }

    /**
     * @param order    the apps in dependency order, dependents first
     * @param stopping the same apps, as a set
     * @param needers  the apps that need an app (some may not be stopping)
     */
    static List<Entry> of(List<Entry> order, Set<Entry> stopping, Function<Entry, List<Entry>> needers) {
        if (order.size() == 1) {
            return order;
        }
        List<Entry> out = new ArrayList<>(order.size());
        Set<Entry> placed = new HashSet<>();
        for (Entry e : order) {
            place(e, stopping, needers, placed, out);
        }
        return out;
    }

    private static void place(Entry e, Set<Entry> stopping, Function<Entry, List<Entry>> needers, Set<Entry> placed,
            List<Entry> out) {
        if (!placed.add(e)) {
            return; // placed already, or being placed (a cycle): keep the given order
        }
        for (Entry n : needers.apply(e)) {
            if (stopping.contains(n)) {
                place(n, stopping, needers, placed, out);
            }
        }
        out.add(e);
    }
}
