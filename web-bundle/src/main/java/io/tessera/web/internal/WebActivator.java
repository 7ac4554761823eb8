package io.tessera.web.internal;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import io.tessera.web.internal.routes.AppRoutes;

/**
 * Starts the web layer: the apps' routes ({@link AppRoutes}: an {@code AppParticipant} that gives
 * each {@link io.tessera.web.WebApp} its own gated servlet context). The admin page and JSON API
 * start here too. Everything is registered on the Servlet Whiteboard, so it works whether Felix
 * HTTP starts before or after this bundle.
 */
public final class WebActivator implements BundleActivator {

    private AppRoutes routes;

    @Override
    public void start(BundleContext context) {
        routes = new AppRoutes(context);
        routes.open();
    }

    @Override
    public void stop(BundleContext context) {
        if (routes != null) {
            routes.close();
            routes = null;
        }
    }
}
