package io.tessera.registry.internal.deploy;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;

import io.tessera.registry.internal.Log;

/**
 * Updates and uninstalls deployed bundles as FileInstall does: in place, then a refresh of the
 * bundle if its old revision is still in use, so that bundles wired to it move to the new one.
 * The refresh is waited for (it runs on the framework's own thread), so the deployer never
 * starts a bundle while a refresh of it is under way. The registry itself never refreshes.
 */
final class BundleOperations {

    private static final long REFRESH_TIMEOUT_SECONDS = 30;

    private final BundleContext context;

    BundleOperations(BundleContext context) {
        this.context = context;
    }

    void update(Bundle b, byte[] bytes) throws BundleException {
        b.update(new ByteArrayInputStream(bytes));
        refreshIfInUse(b);
    }

    void uninstall(Bundle b) throws BundleException {
        b.uninstall();
        refreshIfInUse(b);
    }

    private void refreshIfInUse(Bundle b) {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
        if (!wiring.getRemovalPendingBundles().contains(b)) {
            return; // nobody uses the old revision: the framework has already let it go
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(List.of(b), event -> done.countDown());
        try {
            if (!done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                Log.warn("deploy: the refresh of bundle " + b.getBundleId() + " took more than "
                        + REFRESH_TIMEOUT_SECONDS + " s; carrying on", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
