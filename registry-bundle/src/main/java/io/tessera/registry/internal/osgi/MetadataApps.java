package io.tessera.registry.internal.osgi;

import java.util.Hashtable;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.BundleTracker;

import io.tessera.core.AppConfig;
import io.tessera.core.AppMetadata;

/**
 * Publishes an {@link AppConfig} for each active bundle that declares an app in its
 * {@value AppMetadata#HEADER} header, and withdraws it when the bundle stops.
 */
final class MetadataApps extends BundleTracker<ServiceRegistration<AppConfig>> {

    MetadataApps(BundleContext context) {
        super(context, Bundle.ACTIVE, null);
    }

    @Override
    public ServiceRegistration<AppConfig> addingBundle(Bundle bundle, BundleEvent event) {
        String header = bundle.getHeaders("").get(AppMetadata.HEADER);
        if (header == null) {
            return null;
        }
        MetadataAppConfig config = new MetadataAppConfig(bundle, header);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(AppConfigTracker.APP_BUNDLE_PROPERTY, bundle.getBundleId());
        properties.put(AppConfig.LABEL_PROPERTY, String.valueOf(config.label()));
        return context.registerService(AppConfig.class, config, properties);
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, ServiceRegistration<AppConfig> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the registry bundle is stopping and its services are gone already
        }
    }
}
