package io.tessera.core;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.PrototypeServiceFactory;
import org.osgi.framework.ServiceRegistration;

/**
 * The shortest way to write an app: a bundle activator that is its own {@link AppConfig} and
 * publishes itself when the bundle starts, withdrawing itself when it stops.
 *
 * <pre>{@code
 * @AppBundle
 * public class BlogApp extends AppActivator {
 *     public String label() { return "blog"; }
 *     public List<Class<?>> models() { return List.of(Post.class); }
 * }
 * }</pre>
 */
@ConsumerType
public abstract class AppActivator implements BundleActivator, AppConfig {

    private volatile BundleContext context;
    private ServiceRegistration<AppConfig> registration;

    /**
     * Publishes this config. It is registered as a prototype-scope factory that always hands out
     * this same object: a registry can then release it after each use, and the framework forgets
     * the use at once. Held for good instead, the framework's per-use records would make each app's
     * arrival and departure cost more the more apps there are.
     */
    @Override
    public void start(BundleContext context) throws Exception {
        this.context = context;
        registration = context.registerService(AppConfig.class, new PrototypeServiceFactory<AppConfig>() {
            @Override
            public AppConfig getService(Bundle bundle, ServiceRegistration<AppConfig> reg) {
                return AppActivator.this;
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<AppConfig> reg, AppConfig service) {
                // nothing to release: the activator lives as long as its bundle is started
            }
        }, serviceProperties());
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        ServiceRegistration<AppConfig> r = registration;
        registration = null;
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters a stopping bundle's services itself
            }
        }
        this.context = null;
    }

    /** The context of the app's bundle while it is started; {@code null} otherwise. */
    protected BundleContext context() {
        return context;
    }

    /** Properties of the published service; override to add your own (keep the label). */
    protected Dictionary<String, Object> serviceProperties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(LABEL_PROPERTY, label());
        return properties;
    }
}
