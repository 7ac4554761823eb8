package io.tessera.web.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import io.tessera.web.internal.admin.AdminActivator;
import io.tessera.web.internal.routes.AppRoutes;

/**
 * The web bundle's one activator (a bundle has one {@code Bundle-Activator}): starts each part of
 * the web layer in order and stops them in the reverse order. The parts: the apps' routes
 * ({@link AppRoutes}: an {@code AppParticipant} that gives each {@link io.tessera.web.WebApp} its own
 * gated servlet context); then the admin page and JSON API (AdminActivator). Everything
 * is registered on the Servlet Whiteboard, so it works whether Felix HTTP starts before or after
 * this bundle. A part that fails to start stops those started before it.
 */
public final class WebActivator implements BundleActivator {

    private final List<BundleActivator> parts = List.of(new RoutesPart(), new AdminActivator());
    private final List<BundleActivator> started = new ArrayList<>();

    @Override
    public void start(BundleContext context) throws Exception {
        try {
            for (BundleActivator part : parts) {
                part.start(context);
                started.add(0, part);
            }
        } catch (Exception | LinkageError e) {
            stop(context);
            throw e;
        }
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        Exception first = null;
        for (BundleActivator part : started) {
            try {
                part.stop(context);
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        started.clear();
        if (first != null) {
            throw first;
        }
    }

    /** The apps' routes as a part. */
    private static final class RoutesPart implements BundleActivator {
        private AppRoutes routes;

        @Override
        public void start(BundleContext context) {
            routes = new AppRoutes(context);
            routes.open();
        }

        @Override
        public void stop(BundleContext context) {
            routes.close();
        }
    }
}
