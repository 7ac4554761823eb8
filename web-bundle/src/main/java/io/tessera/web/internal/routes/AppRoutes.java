package io.tessera.web.internal.routes;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import io.tessera.core.App;
import io.tessera.core.AppRegistry;
import io.tessera.core.spi.AppParticipant;
import io.tessera.core.spi.Preparation;
import io.tessera.web.WebApp;

/**
 * The web layer's part in every {@link WebApp}'s arrival: as an {@link AppParticipant}, it asks the
 * app for its {@link WebApp#path() path} and {@link WebApp#routes routes}, claims the path, and
 * registers the app's gated context and routes on the Servlet Whiteboard, all before the app
 * becomes READY; an app whose path is taken or whose routes are invalid is FAILED with a reason
 * that says what to change. When the app leaves (or its preparation is cancelled) its routes and
 * context are withdrawn and the path released.
 *
 * <p>Whether a request is let through is not decided here: each context's {@link AppGate} reads
 * the registry. The work (app code included) runs on one worker thread of this class, in the order
 * the registry asked for it, so the registry's applier never waits for the whiteboard and claims
 * need no lock beyond {@link WebPaths}'. Ranked below the default so that other participants (the
 * data layer) prepare an app first.
 */
public final class AppRoutes implements AppParticipant {

    /** Below the default ranking: the web layer prepares an app after the data layer did. */
    static final int RANKING = -100;

    private final BundleContext web;
    private final ServiceTracker<AppRegistry, AppRegistry> registry;
    private final WebPaths paths = new WebPaths();
    /** By {@link #key}; touched only on the worker. */
    private final Map<String, AppWeb> live = new HashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tessera-web-routes");
        t.setDaemon(true);
        return t;
    });
    private ServiceRegistration<AppParticipant> registration;

    public AppRoutes(BundleContext web) {
        this.web = web;
        this.registry = new ServiceTracker<>(web, AppRegistry.class, null);
    }

    public void open() {
        registry.open();
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(Constants.SERVICE_RANKING, RANKING);
        p.put(Constants.SERVICE_DESCRIPTION, "Tessera web layer: apps' routes");
        registration = web.registerService(AppParticipant.class, this, p);
    }

    /** Withdraws every app's routes and context and stops the worker. */
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework withdrew it with the bundle
        }
        worker.execute(() -> {
            for (AppWeb w : new ArrayList<>(live.values())) {
                w.unregister();
            }
            live.clear();
        });
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.close();
    }

    @Override
    public boolean concerns(App app) {
        return app.config() instanceof WebApp;
    }

    @Override
    public void prepare(App app, Preparation preparation) {
        worker.execute(() -> prepareNow(app, preparation));
    }

    @Override
    public void cancel(App app, Preparation preparation) {
        worker.execute(() -> withdraw(app));
    }

    @Override
    public void left(App app) {
        worker.execute(() -> withdraw(app));
    }

    private void prepareNow(App app, Preparation preparation) {
        if (preparation.isCancelled()) {
            return;
        }
        withdraw(app); // a bundle updated in place: its previous activation's routes, if still there
        String label = app.label();
        WebApp webApp = (WebApp) app.config();
        String path;
        RouteTable routes = new RouteTable(AppWeb.contextSelect(label));
        try {
            path = WebPaths.pathOf(label, webApp.path());
            webApp.routes(routes);
        } catch (IllegalArgumentException refused) {
            preparation.failed(refused.getMessage());
            return;
        } catch (RuntimeException | LinkageError e) {
            preparation.failed("declaring its web routes threw " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return;
        }
        Optional<String> taken = paths.claim(path, holder(app));
        if (taken.isPresent()) {
            preparation.failed(taken.get());
            return;
        }
        Bundle bundle = web.getBundle(app.bundleId());
        if (bundle == null) { // uninstalled meanwhile: the registry cancels this preparation
            paths.release(path, holder(app));
            return;
        }
        preparation.progress("registering " + routes.entries().size() + " web route(s) under " + path + "/");
        AppWeb registered;
        try {
            registered = AppWeb.register(web, bundle, label, path, routes, registry::getService);
        } catch (RuntimeException e) {
            paths.release(path, holder(app));
            preparation.failed("its web routes could not be registered: " + e);
            return;
        }
        live.put(key(app), registered);
        if (preparation.isCancelled()) {
            withdraw(app);
        } else {
            preparation.done();
        }
    }

    private void withdraw(App app) {
        AppWeb w = live.remove(key(app));
        if (w != null) {
            w.unregister();
            paths.release(w.path(), holder(app));
        }
    }

    private static String key(App app) {
        return app.label() + "#" + app.bundleId();
    }

    /** {@code app 'blog' (bundle 12 io.tessera.example.blog)}: how a path's holder is named to the app refused. */
    private static String holder(App app) {
        return "app '" + app.label() + "' (bundle " + app.bundleId() + " " + app.symbolicName() + ")";
    }
}
