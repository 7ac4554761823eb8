package io.tessera.data.internal.access;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.App;
import io.tessera.data.Data;
import io.tessera.data.DataException;
import io.tessera.data.DataService;

/**
 * Registers as the {@link DataService} with bundle scope: each bundle gets a service that hands out
 * the {@link Data} of its own apps only, so that an app cannot write into another app's tables by
 * asking for its label.
 *
 * <pre>{@code
 * context.registerService(DataService.class, new DataServiceFactory(() -> current access, registry::findApp), null);
 * }</pre>
 *
 * <p>The access layer is asked for at each {@link DataService#forApp} call: after the database is
 * switched, apps that step down and come back get handles on the new one.
 */
public final class DataServiceFactory implements ServiceFactory<DataService> {

    private final Supplier<DataAccess> access;
    private final Function<String, Optional<App>> apps;

    /**
     * @param access the data access layer on the current database; {@code null} while there is none
     * @param apps   the app with a label, in any state ({@code registry::findApp})
     */
    public DataServiceFactory(Supplier<DataAccess> access, Function<String, Optional<App>> apps) {
        this.access = access;
        this.apps = apps;
    }

    @Override
    public DataService getService(Bundle bundle, ServiceRegistration<DataService> registration) {
        return label -> forBundle(bundle, label);
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<DataService> registration, DataService service) {
        // nothing held per bundle
    }

    /** The data of {@code label} if it is an app of {@code bundle}. */
    Data forBundle(Bundle bundle, String label) {
        App app = apps.apply(label).orElseThrow(() -> new DataException("no app has the label \"" + label
                + "\"; an app asks for the data of its own label (label() in its AppConfig)"));
        if (app.bundleId() != bundle.getBundleId()) {
            throw new DataException("the app \"" + label + "\" is in " + app.origin() + ", not in bundle "
                    + bundle.getBundleId() + " " + bundle.getSymbolicName() + ": a bundle gets the data of its own apps only");
        }
        DataAccess current = access.get();
        if (current == null) {
            throw new DataException("the database is not available, so app \"" + label + "\" cannot have its data now;"
                    + " apps:db says why");
        }
        return current.forApp(label, app.models());
    }
}
