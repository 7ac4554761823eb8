package io.tessera.it;

import static org.junit.Assert.fail;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the crash test expects of the generated bundles: by symbolic name, the bundle id and whether
 * it is started. Immutable; each operation gives a new model.
 */
record CrashModel(Map<String, Bundle> bundles) {

    /** A bundle as expected; {@code id} is -1 while an install in flight has not been seen yet. */
    record Bundle(long id, boolean active) {
        @Override
        public String toString() {
            return id + (active ? " Active" : " stopped");
        }
    }

    CrashModel() {
        this(Map.of());
    }

    CrashModel with(String name, Bundle bundle) {
        Map<String, Bundle> next = new TreeMap<>(bundles);
        if (bundle == null) {
            next.remove(name);
        } else {
            next.put(name, bundle);
        }
        return new CrashModel(Map.copyOf(next));
    }

    /**
     * The model after a restart: {@code observed} ({@code lb -s}: name to "id State") must be this
     * model, or this model with {@code inFlight} applied whole.
     */
    CrashModel settle(Map<String, String> observed, CrashOperations.Operation inFlight) {
        Map<String, Bundle> seen = new TreeMap<>();
        observed.forEach((name, row) -> {
            if (name.startsWith(CrashOperations.PREFIX)) {
                String[] idState = row.split(" ");
                seen.put(name, new Bundle(Long.parseLong(idState[0]), "Active".equals(idState[1])));
            }
        });
        if (seen.equals(bundles)) {
            return this;
        }
        if (inFlight != null) {
            CrashModel after = inFlight.appliedTo(this, null);
            Map<String, Bundle> expected = new TreeMap<>(after.bundles());
            // an install in flight: its id is whatever the framework gave it
            expected.replaceAll((name, b) -> b.id() == -1 && seen.containsKey(name) ? new Bundle(seen.get(name).id(), b.active()) : b);
            if (seen.equals(expected)) {
                return new CrashModel(Map.copyOf(expected));
            }
        }
        fail("after the restart the generated bundles are " + seen + ", expected " + bundles
                + (inFlight == null ? "" : " or, with '" + inFlight.command() + "' done, " + inFlight.appliedTo(this, null).bundles()));
        return this;
    }

    @Override
    public String toString() {
        return bundles.toString();
    }
}
