package io.tessera.registry.internal.osgi;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.tessera.core.AppActivator;
import io.tessera.core.AppConfig;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.index.AppHooks;
import io.tessera.registry.internal.index.Candidate;
import io.tessera.registry.internal.index.CandidateReader;
import io.tessera.registry.internal.index.DeclaredModels;
import io.tessera.registry.internal.index.Origin;

/**
 * Feeds every {@link AppConfig} service into the registry as it comes and goes. The config is
 * read here, on the registering thread and outside any registry lock; the change then goes
 * through the engine (usually applied on this same thread), and has been applied when these
 * callbacks return.
 *
 * <p>How configs are held matters with thousands of apps. Felix 7 keeps a record per bundle and
 * service in use, scans a bundle's records on every get and copies them on every change, scans
 * all records on every unregistration, and keeps a record until the service goes, except for
 * prototype-scope services, whose records go as soon as they are released. So a prototype-scope
 * config (as {@link AppActivator} registers) is got only while its arrival is read and applied,
 * or for a later hook call (an activator's hooks need no second get: it hands out itself); any
 * other config is got once and held until it goes.
 */
final class AppConfigTracker extends ServiceTracker<AppConfig, AppConfigTracker.Tracked> {

    /** A config in the registry: its service id, and the id of its app's bundle. */
    record Tracked(long id, long bundleId) {
    }

    /** Set on configs the registry publishes for metadata-only bundles: the app's own bundle id. */
    static final String APP_BUNDLE_PROPERTY = "tessera.app.bundle.id";

    private final TesseraRegistry registry;
    private final InactiveApps inactive;
    private final StoppingBundles stopping;
    private final StaleWiring wiring;
    private final DefaultNames names = new DefaultNames();

    AppConfigTracker(BundleContext context, TesseraRegistry registry, InactiveApps inactive, StoppingBundles stopping,
            StaleWiring wiring) {
        super(context, AppConfig.class, null);
        this.registry = registry;
        this.inactive = inactive;
        this.stopping = stopping;
        this.wiring = wiring;
    }

    @Override
    public Tracked addingService(ServiceReference<AppConfig> reference) {
        long id = (Long) reference.getProperty(Constants.SERVICE_ID);
        Bundle bundle = appBundle(reference);
        Origin origin = new Origin(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getLocation(),
                bundle.getVersion());
        Dictionary<String, String> headers = bundle.getHeaders(""); // a copy: read it once, for models and extensions
        DeclaredModels models = BundleModels.of(bundle, headers);
        wiring.check(bundle); // an app running against old classes must wait, from the start
        Map<Long, String> renames = new HashMap<>(0);
        UnaryOperator<String> defaultName = label -> names.claim(bundle.getBundleId(), bundle.getSymbolicName(), id,
                label, renames);
        if (isPrototype(reference)) {
            ServiceObjects<AppConfig> objects = context.getServiceObjects(reference);
            AppConfig config = objects == null ? null : objects.getService();
            if (config == null) {
                return null;
            }
            ReleasingHooks hooks = new ReleasingHooks(objects, config);
            try {
                // ready() may run now, on config
                add(bundle, headers, CandidateReader.read(id, config, origin, hooks, models,
                        RegistryActivator::bundleIdOf, defaultName), renames);
            } finally {
                hooks.release();
            }
        } else {
            AppConfig config = context.getService(reference);
            if (config == null) {
                return null;
            }
            add(bundle, headers, CandidateReader.read(id, config, origin, AppHooks.of(config), models,
                    RegistryActivator::bundleIdOf, defaultName), renames);
        }
        stopping.added(bundle.getBundleId(), id);
        return new Tracked(id, bundle.getBundleId());
    }

    /**
     * Notes the label the bundle is known by while stopped, renames the bundle's other apps whose
     * default name changed with this one's arrival, then adds it.
     */
    private void add(Bundle bundle, Dictionary<String, String> headers, Candidate read, Map<Long, String> renames) {
        Candidate candidate = read.withExtensions(BundleExtensions.read(bundle, headers, read));
        inactive.published(bundle, candidate.label(), candidate.system()); // so it is listed, under this label, while it is stopped
        renames.forEach(registry::rename);
        registry.add(candidate);
    }

    @Override
    public void removedService(ServiceReference<AppConfig> reference, Tracked tracked) {
        // by the bundle id kept since the config arrived: the reference may no longer name its bundle
        stopping.removed(tracked.bundleId(), tracked.id()); // listed as not running, in the same batch
        Map<Long, String> renames = new HashMap<>(0);
        names.release(tracked.bundleId(), tracked.id(), renames);
        renames.forEach(registry::rename);
        if (!isPrototype(reference)) {
            try {
                context.ungetService(reference);
            } catch (IllegalStateException registryStopping) {
                // our own context is already invalid: nothing to release
            }
        }
    }

    private static boolean isPrototype(ServiceReference<AppConfig> reference) {
        return Constants.SCOPE_PROTOTYPE.equals(reference.getProperty(Constants.SERVICE_SCOPE));
    }

    private Bundle appBundle(ServiceReference<AppConfig> reference) {
        Object id = reference.getProperty(APP_BUNDLE_PROPERTY);
        Bundle own = id instanceof Long bundleId ? context.getBundle(bundleId) : null;
        return own != null ? own : reference.getBundle();
    }

    /**
     * Calls a hook on a prototype-scope config, holding it only for the call; or on the instance
     * the tracker still holds from reading it, so an app that is READY at once costs one get. An
     * {@link AppActivator} hands out itself on every get for as long as its bundle is started
     * (its documented contract), so its hooks are called on the instance read, with no further get.
     */
    private static final class ReleasingHooks implements AppHooks {

        private final ServiceObjects<AppConfig> objects;
        private volatile AppConfig held;

        ReleasingHooks(ServiceObjects<AppConfig> objects, AppConfig held) {
            this.objects = objects;
            this.held = held;
        }

        /** Gives back the instance got for reading; later hooks get their own, unless it is an activator. */
        void release() {
            AppConfig config = held;
            held = config instanceof AppActivator ? config : null;
            unget(config);
        }

        @Override
        public void ready() {
            call(AppConfig::ready, true);
        }

        @Override
        public void stopping() {
            call(AppConfig::stopping, false);
        }

        private void call(Consumer<AppConfig> hook, boolean mustRun) {
            AppConfig still = held;
            if (still != null) {
                hook.accept(still);
                return;
            }
            AppConfig config;
            try {
                config = objects.getService();
            } catch (IllegalStateException gone) {
                config = null;
            }
            if (config == null) {
                if (mustRun) {
                    throw new IllegalStateException("the app's config service is no longer registered");
                }
                return; // nothing left to tell
            }
            try {
                hook.accept(config);
            } finally {
                unget(config);
            }
        }

        private void unget(AppConfig config) {
            try {
                objects.ungetService(config);
            } catch (IllegalStateException gone) {
                // unregistered meanwhile, or the registry is stopping: the framework released it
            }
        }
    }
}
