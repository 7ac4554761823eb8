package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tessera.registry.internal.index.Candidate;

/**
 * The engine's apps of bundles that are installed but not running them: one placeholder entry
 * per label a bundle is known by, which claims nothing and is never eligible, and which of the
 * bundles run their apps (have a config in the index, not withdrawn), since those get none. Used
 * only by the engine's applier, through the {@link Reconciler}.
 */
final class Placeholders {

    private final Reconciler reconciler;
    /** Placeholders by bundle id (few, usually none). */
    private final Map<Long, List<Entry>> byBundle = new HashMap<>();
    /** How many configs each bundle has in the index, not withdrawn. */
    private final Map<Long, Integer> running = new HashMap<>();
    /** Placeholder ids count down from -1, apart from service ids. */
    private long ids;

    Placeholders(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    /**
     * Lists the apps of an installed bundle that is not running them, one placeholder per label,
     * as {@code facts} says; {@code null} facts drop them (the bundle is gone). A bundle that runs
     * its app gets none. A new placeholder is published (INSTALLED, in its state) as the batch
     * settles it: after the app it follows has left.
     */
    void set(long bundleId, InactiveBundle facts) {
        if (facts == null || running.containsKey(bundleId)) {
            keepOnly(bundleId, List.of());
            return;
        }
        List<String> labels = facts.labels().isEmpty() ? List.of(Candidate.unknownLabel(bundleId)) : facts.labels();
        keepOnly(bundleId, labels);
        List<Entry> kept = byBundle.getOrDefault(bundleId, List.of());
        List<Entry> now = new ArrayList<>(labels.size());
        for (String label : labels) {
            Entry e = null;
            for (Entry k : kept) {
                e = k.label().equals(label) ? k : e;
            }
            if (e == null) {
                String known = facts.labels().isEmpty() ? null : label;
                e = reconciler.admit(Candidate.placeholder(--ids, facts.origin(), known, facts.system().contains(label)));
            }
            e.inactive = facts;
            reconciler.touch(e); // it and those requiring its label ("installed as bundle N but ...")
            now.add(e);
        }
        byBundle.put(bundleId, List.copyOf(now));
    }

    /** Removes the bundle's placeholders whose label is not in {@code keep}, as any app leaves. */
    private void keepOnly(long bundleId, List<String> keep) {
        List<Entry> list = byBundle.get(bundleId);
        if (list == null) {
            return;
        }
        List<Entry> kept = new ArrayList<>();
        for (Entry e : list) {
            if (keep.contains(e.label())) {
                kept.add(e);
            } else {
                reconciler.remove(e.id());
            }
        }
        if (kept.isEmpty()) {
            byBundle.remove(bundleId);
        } else {
            byBundle.put(bundleId, List.copyOf(kept));
        }
    }

    /**
     * A config of {@code candidate}'s bundle arrives: its placeholders leave at once, before the
     * app enters, so listeners see each leave before the app arrives; one with the arriving label
     * stays what lookups by it find until the app's first record replaces it (never neither).
     */
    void configArrives(Candidate candidate) {
        long bundleId = candidate.origin().bundleId();
        running.merge(bundleId, 1, Integer::sum);
        List<Entry> list = byBundle.isEmpty() ? null : byBundle.remove(bundleId);
        if (list != null) {
            for (Entry p : list) {
                reconciler.dropNow(p, p.label().equals(candidate.label()));
            }
        }
    }

    /** A config is withdrawn: once a bundle has none left, it may have placeholders. */
    void configWithdrawn(Entry e) {
        running.computeIfPresent(e.candidate.origin().bundleId(), (k, n) -> n == 1 ? null : n - 1);
    }

    /** Whether a placeholder of this bundle stands for {@code label}: it takes over the label as the app leaves. */
    boolean has(long bundleId, String label) {
        for (Entry p : byBundle.getOrDefault(bundleId, List.of())) {
            if (!p.removed && p.label().equals(label)) {
                return true;
            }
        }
        return false;
    }
}
