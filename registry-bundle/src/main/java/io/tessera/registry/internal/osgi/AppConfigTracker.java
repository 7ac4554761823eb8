package io.tessera.registry.internal.osgi;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.tessera.core.AppConfig;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.index.Candidate;
import io.tessera.registry.internal.index.CandidateReader;
import io.tessera.registry.internal.index.Origin;

/**
 * Feeds every {@link AppConfig} service into the registry as it comes and goes. The config is
 * read here, on the registering thread and outside any registry lock; the change is then handed
 * to the engine, which has applied it when these callbacks return.
 *
 * <p>The registry gets each config once and holds it until the service goes. Felix 7 keeps a
 * usage record per (bundle, service) until the service is unregistered, even after an unget, and
 * scans them on every get and every unregistration; so with thousands of apps each arrival and
 * departure costs in proportion to their number, whoever holds the configs. Getting them through
 * each app's own context, or again for each hook, was measured and was slower (BENCHMARKS.md).
 */
final class AppConfigTracker extends ServiceTracker<AppConfig, Long> {

    /** Set on configs the registry publishes for metadata-only bundles: the app's own bundle id. */
    static final String APP_BUNDLE_PROPERTY = "tessera.app.bundle.id";

    private final TesseraRegistry registry;

    AppConfigTracker(BundleContext context, TesseraRegistry registry) {
        super(context, AppConfig.class, null);
        this.registry = registry;
    }

    @Override
    public Long addingService(ServiceReference<AppConfig> reference) {
        AppConfig config = context.getService(reference);
        if (config == null) {
            return null;
        }
        long id = (Long) reference.getProperty(Constants.SERVICE_ID);
        Bundle bundle = appBundle(reference);
        Origin origin = new Origin(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getLocation(),
                bundle.getVersion());
        Candidate candidate = CandidateReader.read(id, config, origin);
        registry.add(candidate);
        return id;
    }

    @Override
    public void removedService(ServiceReference<AppConfig> reference, Long id) {
        registry.remove(id);
        try {
            context.ungetService(reference);
        } catch (IllegalStateException registryStopping) {
            // our own context is already invalid: nothing to release
        }
    }

    private Bundle appBundle(ServiceReference<AppConfig> reference) {
        Object id = reference.getProperty(APP_BUNDLE_PROPERTY);
        Bundle own = id instanceof Long bundleId ? context.getBundle(bundleId) : null;
        return own != null ? own : reference.getBundle();
    }
}
