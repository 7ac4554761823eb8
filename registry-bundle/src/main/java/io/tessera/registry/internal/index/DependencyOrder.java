package io.tessera.registry.internal.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import io.tessera.core.App;
import io.tessera.core.Requirement;

/**
 * Orders apps so that each comes after the apps it requires, ties broken by label (then by
 * arrival), so the order is the same on every run. Apps caught in a cycle come last, by label.
 */
public final class DependencyOrder {

    public static final Comparator<AppRecord> BY_LABEL = Comparator.comparing(AppRecord::label)
            .thenComparingLong(AppRecord::id);

    private DependencyOrder() {
    }

    /**
     * @param apps       the apps to order
     * @param labelOwner which app a requirement's label leads to
     */
    public static List<App> sort(List<AppRecord> apps, Map<String, ? extends App> labelOwner) {
        Map<AppRecord, Integer> missing = new IdentityHashMap<>();
        Map<Long, List<AppRecord>> dependents = new HashMap<>();
        Map<Long, AppRecord> present = new HashMap<>();
        apps.forEach(a -> present.put(a.id(), a));
        for (AppRecord a : apps) {
            int count = 0;
            for (Requirement r : a.requirements()) {
                App owner = labelOwner.get(r.label());
                if (owner instanceof AppRecord dep && dep.id() != a.id() && present.get(dep.id()) == dep) {
                    count++;
                    dependents.computeIfAbsent(dep.id(), k -> new ArrayList<>()).add(a);
                }
            }
            missing.put(a, count);
        }
        PriorityQueue<AppRecord> free = new PriorityQueue<>(BY_LABEL);
        missing.forEach((a, n) -> {
            if (n == 0) {
                free.add(a);
            }
        });
        List<App> out = new ArrayList<>(apps.size());
        while (!free.isEmpty()) {
            AppRecord a = free.poll();
            out.add(a);
            for (AppRecord d : dependents.getOrDefault(a.id(), List.of())) {
                if (missing.merge(d, -1, Integer::sum) == 0) {
                    free.add(d);
                }
            }
        }
        if (out.size() < apps.size()) {
            List<AppRecord> rest = new ArrayList<>();
            missing.forEach((a, n) -> {
                if (n > 0) {
                    rest.add(a);
                }
            });
            rest.sort(BY_LABEL);
            out.addAll(rest);
        }
        return out;
    }
}
