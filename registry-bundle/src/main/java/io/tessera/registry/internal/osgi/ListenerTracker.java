package io.tessera.registry.internal.osgi;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.tessera.core.AppListener;
import io.tessera.registry.internal.engine.TesseraRegistry;

/** The listener whiteboard: every {@link AppListener} service receives the registry's events. */
final class ListenerTracker extends ServiceTracker<AppListener, AppListener> {

    private final TesseraRegistry registry;

    ListenerTracker(BundleContext context, TesseraRegistry registry) {
        super(context, AppListener.class, null);
        this.registry = registry;
    }

    @Override
    public AppListener addingService(ServiceReference<AppListener> reference) {
        AppListener listener = context.getService(reference);
        if (listener != null) {
            registry.addListener(listener);
        }
        return listener;
    }

    @Override
    public void removedService(ServiceReference<AppListener> reference, AppListener listener) {
        registry.removeListener(listener);
        try {
            context.ungetService(reference);
        } catch (IllegalStateException registryStopping) {
            // nothing to release
        }
    }
}
