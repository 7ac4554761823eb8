package io.tessera.data.internal.db;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.util.tracker.ServiceTracker;

import io.tessera.data.internal.Dialect;

/**
 * The JDBC drivers present, as the {@link DataSourceFactory} services their bundles register
 * (H2's and PostgreSQL's do so themselves when {@code org.osgi.service.jdbc} was there when they
 * resolved; {@code DriverManager} does not work across bundles). Tells {@code onChange} (from the
 * framework's thread) when one comes or goes, so the keeper can try again or let go of a pool.
 */
final class Drivers {

    private final ServiceTracker<DataSourceFactory, DataSourceFactory> tracker;
    private final Map<String, DataSourceFactory> byClass = new ConcurrentHashMap<>();

    Drivers(BundleContext context, Runnable onChange) {
        tracker = new ServiceTracker<>(context, DataSourceFactory.class, null) {
            @Override
            public DataSourceFactory addingService(ServiceReference<DataSourceFactory> ref) {
                DataSourceFactory f = context.getService(ref);
                Object driver = ref.getProperty(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS);
                if (f != null && driver != null) {
                    byClass.put(String.valueOf(driver), f);
                    onChange.run();
                }
                return f;
            }

            @Override
            public void removedService(ServiceReference<DataSourceFactory> ref, DataSourceFactory f) {
                byClass.remove(String.valueOf(ref.getProperty(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS)), f);
                context.ungetService(ref);
                onChange.run();
            }
        };
    }

    void open() {
        tracker.open();
    }

    void close() {
        tracker.close();
    }

    /** The factory of {@code dialect}'s driver, or {@code null} when its bundle is not running. */
    DataSourceFactory factory(Dialect dialect) {
        return byClass.get(driverClass(dialect));
    }

    /** "the PostgreSQL driver (bundle org.postgresql.jdbc) is not running; ...". */
    static String missing(Dialect dialect, DatabaseSettings settings) {
        String bundle = dialect == Dialect.H2 ? "com.h2database" : "org.postgresql.jdbc";
        return "database unavailable at " + settings.description() + ": no " + (dialect == Dialect.H2 ? "H2" : "PostgreSQL")
                + " driver: its bundle " + bundle + " is not active, or was resolved before org.osgi.service.jdbc was"
                + " installed; start it (or install org.osgi.service.jdbc, then refresh it)";
    }

    static String driverClass(Dialect dialect) {
        return dialect == Dialect.H2 ? "org.h2.Driver" : "org.postgresql.Driver";
    }
}
