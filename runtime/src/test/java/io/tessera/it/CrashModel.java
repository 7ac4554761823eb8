package io.tessera.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the crash test expects of the generated bundles: by symbolic name, the bundle id and whether
 * it is started; and the labels the operator disabled (the enabled state belongs to the label, so a
 * label stays disabled while its bundle is uninstalled and installed again). Immutable; each
 * operation gives a new model.
 */
record CrashModel(Map<String, Bundle> bundles, Set<String> disabled) {

    /** A bundle as expected; {@code id} is -1 while an install in flight has not been seen yet. */
    record Bundle(long id, boolean active) {
        @Override
        public String toString() {
            return id + (active ? " Active" : " stopped");
        }
    }

    /** One row of {@code apps:list} for a generated app: its state and its ENABLED column. */
    record Row(String state, boolean enabled) {
        @Override
        public String toString() {
            return state + (enabled ? " enabled" : " disabled");
        }
    }

    CrashModel {
        bundles = Map.copyOf(bundles);
        disabled = Set.copyOf(disabled);
    }

    CrashModel() {
        this(Map.of(), Set.of());
    }

    CrashModel with(String name, Bundle bundle) {
        Map<String, Bundle> next = new TreeMap<>(bundles);
        if (bundle == null) {
            next.remove(name);
        } else {
            next.put(name, bundle);
        }
        return new CrashModel(next, disabled);
    }

    /** The model with {@code label} disabled ({@code false}) or enabled. */
    CrashModel enabled(String label, boolean enabled) {
        Set<String> next = new TreeSet<>(disabled);
        if (enabled) {
            next.remove(label);
        } else {
            next.add(label);
        }
        return new CrashModel(bundles, next);
    }

    boolean isEnabled(String label) {
        return !disabled.contains(label);
    }

    static String labelOf(String symbolicName) {
        return symbolicName.substring(CrashOperations.PREFIX.length());
    }

    /**
     * The model after a restart: the generated bundles ({@code lb -s}: name to "id State") and
     * apps ({@code apps:list}: label to row) must be as this model says, or as this model with
     * {@code inFlight} applied whole. Returns the model that matched, or {@code null} with
     * {@code mismatches} saying what differed from each.
     */
    CrashModel settle(Map<String, String> observedBundles, Map<String, Row> observedApps,
            CrashOperations.Operation inFlight, List<String> mismatches) {
        Map<String, Bundle> seen = new TreeMap<>();
        observedBundles.forEach((name, row) -> {
            if (name.startsWith(CrashOperations.PREFIX)) {
                String[] idState = row.split(" ");
                seen.put(name, new Bundle(Long.parseLong(idState[0]), "Active".equals(idState[1])));
            }
        });
        List<CrashModel> candidates = new ArrayList<>(List.of(this));
        if (inFlight != null) {
            CrashModel after = inFlight.appliedTo(this, null);
            Map<String, Bundle> expected = new TreeMap<>(after.bundles());
            // an install in flight: its id is whatever the framework gave it
            expected.replaceAll((name, b) -> b.id() == -1 && seen.containsKey(name) ? new Bundle(seen.get(name).id(), b.active()) : b);
            candidates.add(new CrashModel(expected, after.disabled()));
        }
        for (CrashModel candidate : candidates) {
            String mismatch = candidate.mismatch(seen, observedApps);
            if (mismatch == null) {
                return candidate;
            }
            mismatches.add((candidate == this ? "as acknowledged: " : "with '" + inFlight.command() + "' done: ") + mismatch);
        }
        return null;
    }

    /**
     * What differs between this model and what the runtime shows, or {@code null}: the same bundles;
     * an active bundle's app READY when its label is enabled, DISABLED when not; a stopped bundle's app
     * never READY (listed STOPPED under its label, or by bundle id when its label is not known yet);
     * every listed generated app's ENABLED column as the model says; no app of a bundle not installed.
     */
    private String mismatch(Map<String, Bundle> seen, Map<String, Row> apps) {
        if (!seen.equals(bundles)) {
            return "the generated bundles are " + seen + ", expected " + bundles;
        }
        Map<String, Row> left = new TreeMap<>(apps);
        for (Map.Entry<String, Bundle> e : bundles.entrySet()) {
            String label = labelOf(e.getKey());
            Row row = left.remove(label);
            boolean enabled = isEnabled(label);
            if (e.getValue().active()) {
                Row expected = new Row(enabled ? "READY" : "DISABLED", enabled);
                if (!expected.equals(row)) {
                    return "app " + label + " of an active bundle is " + row + ", expected " + expected;
                }
            } else if (row != null && ("READY".equals(row.state()) || row.enabled() != enabled)) {
                return "app " + label + " of a stopped bundle is " + row + ", expected not READY and "
                        + (enabled ? "enabled" : "disabled");
            }
        }
        return left.isEmpty() ? null : "apps of no installed bundle: " + left;
    }

    @Override
    public String toString() {
        return bundles + (disabled.isEmpty() ? "" : ", disabled " + disabled);
    }
}
