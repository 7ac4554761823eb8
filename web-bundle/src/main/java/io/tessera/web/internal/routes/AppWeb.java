package io.tessera.web.internal.routes;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

import io.tessera.core.AppRegistry;

/**
 * One app's web presence for one activation: its context ({@link AppGate}) at its path, the
 * {@link AppFaults} filter, and the whiteboard services of its {@link RouteTable}, registered by the
 * web bundle (so they leave with it) in that order and unregistered in the reverse order. Used on
 * the web layer's one worker thread.
 */
final class AppWeb {

    private final String label;
    private final String path;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    private AppWeb(String label, String path) {
        this.label = label;
        this.path = path;
    }

    /** The name of the context of the app with {@code label}. */
    static String contextName(String label) {
        return "tessera.app." + label;
    }

    /** The filter whiteboard services use to select that context. */
    static String contextSelect(String label) {
        return "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + contextName(label) + ")";
    }

    /** Registers the context, then the routes; everything already registered is withdrawn if one fails. */
    static AppWeb register(BundleContext web, Bundle appBundle, String label, String path, RouteTable routes,
            Supplier<AppRegistry> registry) {
        AppWeb w = new AppWeb(label, path);
        try {
            Dictionary<String, Object> context = new Hashtable<>();
            context.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME, contextName(label));
            context.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH, path);
            context.put("tessera.app.label", label);
            w.registrations.add(web.registerService(ServletContextHelper.class, new AppGate(appBundle, label, registry), context));
            Dictionary<String, Object> faults = properties(label);
            faults.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_PATTERN, "/*");
            faults.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_NAME, label + " faults");
            faults.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_ASYNC_SUPPORTED, true);
            faults.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE); // first: it sees what every other filter throws
            w.registrations.add(web.registerService(Filter.class, new AppFaults(label), faults));
            for (RouteTable.Entry e : routes.entries()) {
                w.registrations.add(w.register(web, e));
            }
            return w;
        } catch (RuntimeException e) {
            w.unregister();
            throw e;
        }
    }

    private ServiceRegistration<?> register(BundleContext web, RouteTable.Entry e) {
        Dictionary<String, Object> p = properties(label);
        if (e.servlet() != null) {
            p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, e.pattern());
            p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, label + " " + e.pattern());
            p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED, true);
            return web.registerService(Servlet.class, e.servlet(), p);
        }
        if (e.filter() != null) {
            p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_PATTERN, e.pattern());
            p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_ASYNC_SUPPORTED, true);
            return web.registerService(Filter.class, e.filter(), p);
        }
        p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_RESOURCE_PATTERN, e.pattern());
        p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_RESOURCE_PREFIX, e.resourcePrefix());
        return web.registerService(Object.class, new Object(), p);
    }

    private static Dictionary<String, Object> properties(String label) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, contextSelect(label));
        p.put("tessera.app.label", label);
        return p;
    }

    String label() {
        return label;
    }

    String path() {
        return path;
    }

    /** Withdraws the routes, then the context; registrations already gone (the web bundle stopping) are skipped. */
    void unregister() {
        for (int i = registrations.size() - 1; i >= 0; i--) {
            try {
                registrations.get(i).unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework withdraws a stopping bundle's services itself
            }
        }
        registrations.clear();
    }
}
