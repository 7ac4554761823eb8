package io.tessera.web.internal.admin;

import java.nio.file.Path;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.AppListener;
import jakarta.servlet.Servlet;

/**
 * Starts the admin page and API: opens the admin token, starts the event hub (an
 * {@link AppListener}), and registers the {@code /tessera} servlet with the Servlet Whiteboard
 * (with async support, which the event stream needs). The registry may come and go meanwhile: the
 * API answers 503 while it is away.
 *
 * <p>The token file is the framework property {@value AdminToken#FILE_PROPERTY} if set, else
 * {@value AdminToken#FILE_NAME} in the folder FileInstall reads configuration from (the home's
 * {@code etc/}), else in this bundle's data area.
 */
public final class AdminActivator implements BundleActivator {

    /** The most event streams open at once; more are refused with 503. */
    static final int MAX_STREAMS = 64;

    private RegistryServices services;
    private EventHub hub;
    private ServiceRegistration<AppListener> listener;
    private ServiceRegistration<Servlet> servlet;

    @Override
    public void start(BundleContext context) {
        services = new RegistryServices(context);
        AdminToken token = AdminToken.open(tokenFile(context));
        hub = new EventHub(services::isEnabled, services::deploy, MAX_STREAMS);
        listener = context.registerService(AppListener.class, hub, null);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", "/tessera/*");
        properties.put("osgi.http.whiteboard.servlet.name", "tessera-admin");
        properties.put("osgi.http.whiteboard.servlet.asyncSupported", Boolean.TRUE);
        servlet = context.registerService(Servlet.class,
                new AdminServlet(new ApiRoutes(services, token, hub), new PageResources(context.getBundle())), properties);
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        servlet.unregister();
        listener.unregister();
        hub.close();
        services.close();
    }

    static Path tokenFile(BundleContext context) {
        String explicit = context.getProperty(AdminToken.FILE_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String etc = context.getProperty("felix.fileinstall.dir");
        if (etc != null && !etc.isBlank()) {
            return Path.of(etc).resolve(AdminToken.FILE_NAME);
        }
        return context.getDataFile(AdminToken.FILE_NAME).toPath();
    }
}
