package io.tessera.registry.internal.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

import io.tessera.registry.internal.engine.InactiveBundle;
import io.tessera.registry.internal.engine.TesseraRegistry;

/**
 * Steps an app down as soon as its bundle begins to stop (stop, update, uninstall, refresh),
 * not when its config service finally goes: the framework delivers STOPPING to synchronous
 * listeners before it calls the activator's {@code stop}, so {@code stopping()} runs while the
 * app's bundle context is still valid, for every kind of app, also one whose activator leaves
 * unregistering its config to the framework (which does that after {@code stop}, when the
 * context is gone).
 *
 * <p>Knows which apps each bundle has, by config service id. Each app is removed from the
 * registry once: here, or when its service goes if its bundle never stopped (the app
 * unregistered its config itself). Either way, in the same batch, the app is listed as its
 * bundle is now ({@link InactiveApps#afterWithdrawal}: STOPPED while the bundle stays installed),
 * so a stopping app is never missing from the index, nor listed twice.
 */
final class StoppingBundles implements SynchronousBundleListener {

    private final BundleContext context;
    private final TesseraRegistry registry;
    private final InactiveApps inactive;
    private final long ownBundleId;
    /** Config service ids by app bundle id; nearly always one, in a list of one. */
    private final Map<Long, List<Long>> apps = new ConcurrentHashMap<>();

    StoppingBundles(BundleContext context, TesseraRegistry registry, InactiveApps inactive) {
        this.context = context;
        this.registry = registry;
        this.inactive = inactive;
        this.ownBundleId = context.getBundle().getBundleId();
    }

    /** Notes that the app of config service {@code id}, of bundle {@code bundleId}, is in the registry. */
    void added(long bundleId, long id) {
        apps.merge(bundleId, List.of(id), (ids, one) -> {
            List<Long> more = new ArrayList<>(ids);
            more.add(id);
            return List.copyOf(more);
        });
    }

    /** Removes the app of config service {@code id} from the registry, unless its bundle's stop already did. */
    void removed(long bundleId, long id) {
        boolean[] found = {false};
        apps.computeIfPresent(bundleId, (k, ids) -> {
            found[0] = ids.contains(id);
            if (!found[0]) {
                return ids;
            }
            List<Long> rest = new ArrayList<>(ids);
            rest.remove(Long.valueOf(id));
            return rest.isEmpty() ? null : List.copyOf(rest);
        });
        if (found[0]) {
            Bundle bundle = context.getBundle(bundleId); // null once uninstalled: then nothing is listed
            registry.remove(id, bundleId, bundle == null ? null : inactive.afterWithdrawal(bundle));
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() != BundleEvent.STOPPING) {
            return;
        }
        long bundleId = event.getBundle().getBundleId();
        if (bundleId == ownBundleId) {
            return; // the registry stopping stops every app itself, dependents first
        }
        List<Long> ids = apps.remove(bundleId);
        if (ids != null) {
            InactiveBundle then = inactive.afterWithdrawal(event.getBundle()); // "bundle 7 is stopped: start 7"
            ids.forEach(id -> registry.remove(id, bundleId, then)); // the last to leave brings the placeholders
        }
    }
}
