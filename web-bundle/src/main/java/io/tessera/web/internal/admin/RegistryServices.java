package io.tessera.web.internal.admin;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.tessera.core.AppActivation;
import io.tessera.core.AppRegistry;

/**
 * The registry's services the admin API reads and changes through, tracked as they come and go:
 * {@link AppRegistry}, {@link AppActivation}, and the deploy folder's report (the registry offers
 * it as a {@code Supplier} with {@code tessera.report=deploy}). Any thread.
 */
final class RegistryServices implements AutoCloseable {

    /** The deploy folder and its report's lines ({@code severity}, {@code text}), as the shell shows them. */
    record DeployView(String folder, List<Map<String, String>> lines) {
    }

    private final ServiceTracker<AppRegistry, AppRegistry> registry;
    private final ServiceTracker<AppActivation, AppActivation> activation;
    private final ServiceTracker<Object, Object> deploy;

    RegistryServices(BundleContext context) {
        registry = new ServiceTracker<>(context, AppRegistry.class, null);
        activation = new ServiceTracker<>(context, AppActivation.class, null);
        try {
            deploy = new ServiceTracker<>(context, FrameworkUtil.createFilter("(&(objectClass="
                    + Supplier.class.getName() + ")(tessera.report=deploy))"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        registry.open();
        activation.open();
        deploy.open();
    }

    /** @throws Json.Refused 503 while the registry is not running */
    AppRegistry registry() throws Json.Refused {
        AppRegistry r = registry.getService();
        if (r == null) {
            throw new Json.Refused(503, "The Tessera registry is not running: start the bundle io.tessera.registry.");
        }
        return r;
    }

    /** @throws Json.Refused 503 while the registry offers no {@link AppActivation} */
    AppActivation activation() throws Json.Refused {
        AppActivation a = activation.getService();
        if (a == null) {
            throw new Json.Refused(503, "The Tessera registry is not running, so apps cannot be enabled or disabled"
                    + " now: start the bundle io.tessera.registry.");
        }
        return a;
    }

    /** Whether the operator left this label enabled; {@code true} while nobody can say. */
    boolean isEnabled(String label) {
        AppActivation a = activation.getService();
        return a == null || a.isEnabled(label);
    }

    /** The deploy folder's report now; an empty one without a folder when the registry watches none. */
    @SuppressWarnings("unchecked")
    DeployView deploy() {
        ServiceReference<Object> ref = deploy.getServiceReference();
        Object report = ref == null ? null : deploy.getService(ref);
        if (!(report instanceof Supplier<?> supplier)) {
            return new DeployView(null, List.of());
        }
        return new DeployView(String.valueOf(ref.getProperty("tessera.deploy.folder")),
                (List<Map<String, String>>) supplier.get());
    }

    @Override
    public void close() {
        deploy.close();
        activation.close();
        registry.close();
    }
}
