package io.tessera.registry.internal.osgi;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleRevisions;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import io.tessera.registry.internal.engine.TesseraRegistry;

/**
 * Finds bundles wired to a revision of another bundle that is no longer current: after
 * {@code update} of a bundle without {@code refresh}, the bundles that imported from it keep
 * the old revision's classes. Their apps wait, with the refresh to run, until the bundles are
 * refreshed. Tessera does not refresh by itself: a refresh stops and restarts every bundle that
 * depends on the refreshed one, and the operator chooses when (see the README).
 *
 * <p>A bundle's wiring is looked at when its app's config is read, when it is resolved or
 * unresolved, when a bundle it may be wired to is updated or uninstalled, and after a refresh.
 * Each look walks one bundle's required wires; the registry hears only of a change.
 */
final class StaleWiring implements SynchronousBundleListener, FrameworkListener {

    private final TesseraRegistry registry;
    /** The bundles found stale, for the look after a refresh. */
    private final Map<Bundle, String> stale = new ConcurrentHashMap<>();

    StaleWiring(TesseraRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.RESOLVED, BundleEvent.UNRESOLVED -> check(event.getBundle());
            case BundleEvent.UPDATED, BundleEvent.UNINSTALLED -> {
                check(event.getBundle()); // its new revision is not wired yet; uninstalled, it is forgotten
                wiredToOldRevisionsOf(event.getBundle()).forEach(this::check);
            }
            default -> {
                // starting and stopping do not change wiring
            }
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
            stale.keySet().forEach(this::check);
        }
    }

    /** Looks at {@code bundle}'s wiring now and tells the registry if its verdict changed. */
    void check(Bundle bundle) {
        String reason;
        synchronized (this) { // two events about one bundle must not record their verdicts out of order
            reason = staleReason(bundle);
            String before = reason == null ? stale.remove(bundle) : stale.put(bundle, reason);
            if (before == null ? reason == null : before.equals(reason)) {
                return;
            }
        }
        registry.staleWiring(bundle.getBundleId(), reason);
    }

    /** Bundles wired to a revision of {@code provider} other than its current one. */
    private static Set<Bundle> wiredToOldRevisionsOf(Bundle provider) {
        Set<Bundle> requirers = new LinkedHashSet<>();
        BundleRevisions revisions = provider.adapt(BundleRevisions.class);
        BundleRevision current = provider.getState() == Bundle.UNINSTALLED ? null
                : provider.adapt(BundleRevision.class);
        if (revisions == null) {
            return requirers;
        }
        for (BundleRevision r : revisions.getRevisions()) {
            BundleWiring wiring = r.equals(current) ? null : r.getWiring();
            if (wiring != null) {
                for (BundleWire w : wiring.getProvidedWires(null)) {
                    Bundle requirer = w.getRequirer().getBundle();
                    if (requirer != null && requirer.getBundleId() != provider.getBundleId()) {
                        requirers.add(requirer);
                    }
                }
            }
        }
        return requirers;
    }

    /** Why {@code bundle} runs against classes that are no longer current, or {@code null}. */
    static String staleReason(Bundle bundle) {
        BundleWiring wiring = bundle.getState() == Bundle.UNINSTALLED ? null : bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return null; // not resolved: wired to nothing
        }
        for (BundleWire w : wiring.getRequiredWires(null)) {
            BundleRevision provider = w.getProvider();
            Bundle p = provider.getBundle();
            if (p == null || p.getBundleId() == bundle.getBundleId()) {
                continue;
            }
            boolean uninstalled = p.getState() == Bundle.UNINSTALLED;
            if (!uninstalled && provider.equals(p.adapt(BundleRevision.class))) {
                continue;
            }
            Object pkg = w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
            String what = (pkg == null ? "" : "package " + pkg + " from ");
            String self = "bundle " + bundle.getBundleId() + " (" + bundle.getSymbolicName() + ")";
            String other = "bundle " + p.getBundleId() + " (" + p.getSymbolicName() + ")";
            // an uninstalled bundle has no id Gogo's refresh can find, and refreshing only the importer may
            // wire it to the leftover revision again: apps:rewire refreshes what is pending removal
            return uninstalled
                    ? self + " still uses " + what + other + ", which was uninstalled without a refresh, so it runs"
                            + " against classes that are gone; run 'apps:rewire' (Tessera does not"
                            + " refresh by itself)"
                    : self + " still uses " + what + "the old revision of " + other
                            + ", which was updated without a refresh, so it runs against the old classes; run 'refresh "
                            + p.getBundleId() + "' to rewire it (Tessera does not refresh by itself)";
        }
        return null;
    }
}
