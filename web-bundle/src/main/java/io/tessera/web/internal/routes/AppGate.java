package io.tessera.web.internal.routes;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.service.servlet.context.ServletContextHelper;

import io.tessera.core.App;
import io.tessera.core.AppRegistry;
import io.tessera.core.AppState;

/**
 * One app's servlet context (resources come from the app's bundle), whose gate is a view of the
 * registry: each request reads the app's current state and is let through only while it is READY.
 * While the app is in transition (PREPARING, STARTING, STOPPING: its bundle being started, updated
 * or stopped) the answer is {@code 503} with {@code Retry-After}; in any other state, or when
 * another app holds the label now, {@code 404}. Called on Jetty's threads, concurrently; holds no
 * state of its own beyond what it was made for.
 */
final class AppGate extends ServletContextHelper {

    /** Seconds a client is asked to wait while the app is in transition. */
    static final String RETRY_AFTER = "1";

    private final String label;
    private final long bundleId;
    private final Supplier<AppRegistry> registry;

    AppGate(Bundle appBundle, String label, Supplier<AppRegistry> registry) {
        super(appBundle);
        this.label = label;
        this.bundleId = appBundle.getBundleId();
        this.registry = registry;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AppRegistry r = registry.get();
        Optional<App> app = r == null ? Optional.empty() : r.findApp(label);
        AppState state = app.filter(a -> a.bundleId() == bundleId).map(App::state).orElse(null);
        if (state == AppState.READY) {
            return true;
        }
        if (state == AppState.PREPARING || state == AppState.STARTING || state == AppState.STOPPING
                || state == AppState.INSTALLED) {
            response.setHeader("Retry-After", RETRY_AFTER);
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "app '" + label + "' is " + state
                    + "; try again in a moment");
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
        return false;
    }
}
