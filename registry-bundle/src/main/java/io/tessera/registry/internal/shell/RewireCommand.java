package io.tessera.registry.internal.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * {@code apps:rewire}: refreshes the bundles whose removal is pending (uninstalled or updated
 * without a refresh) and every bundle wired to them, as Karaf's {@code bundle:refresh} does with
 * no argument. Gogo's {@code refresh} cannot: without an argument it fails (a bug of Gogo 1.1.2),
 * and an uninstalled bundle has no id it can find. This is what the registry's stale-wiring
 * reasons name after an uninstall; Tessera never refreshes by itself.
 */
public final class RewireCommand {

    static final long DEADLINE_SECONDS = 30;

    private final BundleContext context;

    public RewireCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("refresh the bundles whose removal is pending (uninstalled or updated without a refresh) and those"
            + " wired to them")
    public String rewire() throws InterruptedException {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        Collection<Bundle> pending = wiring.getRemovalPendingBundles();
        if (pending.isEmpty()) {
            return "No bundle's removal is pending: nothing to refresh.\n";
        }
        List<String> names = new ArrayList<>();
        for (Bundle b : wiring.getDependencyClosure(pending)) {
            names.add(b.getBundleId() + " " + b.getSymbolicName());
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(null, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        boolean finished = done.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
        return (finished ? "Refreshed " : "Still refreshing after " + DEADLINE_SECONDS + " s (see apps:diag): ")
                + Plural.count(names.size(), "bundle") + ": " + String.join(", ", names) + "\n";
    }
}
