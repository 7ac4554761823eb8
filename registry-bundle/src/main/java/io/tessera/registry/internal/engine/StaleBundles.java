package io.tessera.registry.internal.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bundles whose wiring is stale, each with the words an operator reads: a bundle still wired to
 * a revision of another bundle that has since been updated or uninstalled runs against classes
 * that are no longer current, so its apps must not be READY until the bundles are refreshed.
 * Written by whoever watches the framework's wiring (outside the applier), read by the
 * {@link Evaluator}; a change of a bundle's fact is followed by a re-evaluation of its apps.
 * Nearly always empty, and then a lookup costs one read.
 */
final class StaleBundles {

    private final Map<Long, String> reasons = new ConcurrentHashMap<>();

    /** Records {@code reason} (or, with {@code null}, that the wiring is current); whether that changed anything. */
    boolean set(long bundleId, String reason) {
        String before = reason == null ? reasons.remove(bundleId) : reasons.put(bundleId, reason);
        return before == null ? reason != null : !before.equals(reason);
    }

    /** Why the bundle's wiring is stale, or {@code null} if it is current (or unknown). */
    String reasonFor(long bundleId) {
        return reasons.isEmpty() ? null : reasons.get(bundleId);
    }
}
