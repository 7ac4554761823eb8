package io.tessera.data.internal;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Optional;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import io.tessera.core.App;
import io.tessera.core.AppRegistry;
import io.tessera.core.spi.AppParticipant;
import io.tessera.data.DataService;
import io.tessera.data.internal.access.CurrentAccess;
import io.tessera.data.internal.access.DataServiceFactory;
import io.tessera.data.internal.access.ModelDirectory;
import io.tessera.data.internal.access.TableNames;
import io.tessera.data.internal.db.Database;
import io.tessera.data.internal.db.DataConfiguration;
import io.tessera.data.internal.db.DataParticipant;
import io.tessera.data.internal.db.DatabaseCommand;
import io.tessera.data.internal.db.DatabaseKeeper;
import io.tessera.data.internal.db.DatabaseSettings;
import io.tessera.data.internal.schema.MigrationCommands;
import io.tessera.data.internal.schema.SchemaApplier;

/**
 * Starts the data layer: the {@link DatabaseKeeper} on the database that ConfigAdmin's
 * {@code io.tessera.data} names (else the embedded H2 in the home's {@code data/db}, the home being
 * the framework property {@value #HOME_PROPERTY}; without it, this bundle's data area), the
 * configuration's managed service, the {@code apps:db} command, the {@link DataParticipant}
 * through which apps with models wait for the database and get their tables (the
 * {@link SchemaApplier}), the {@code apps:migrations}, {@code apps:sqlmigrate} and {@code apps:purge}
 * commands, and the {@link DataService} apps read and write their rows through (one per app bundle;
 * tables named as Django names them). Stopping takes them away in reverse and closes the pool.
 */
public final class DataActivator implements BundleActivator {

    /** The framework property naming the runtime's home folder (the launcher sets it). */
    public static final String HOME_PROPERTY = "tessera.home";
    /** Before the web layer's participants: they may rely on an app's tables. */
    static final int PARTICIPANT_RANKING = 200;
    /**
     * How long the start waits for the first connection: the embedded H2 opens in a few hundred
     * milliseconds, so apps arriving with the runtime find it available instead of waiting for it;
     * a server that does not answer within this is waited for in the background.
     */
    static final Duration FIRST_ATTEMPT = Duration.ofSeconds(5);

    private DatabaseKeeper keeper;
    private DataParticipant participant;
    private ServiceRegistration<?> participantRegistration;
    private ServiceRegistration<?> configRegistration;
    private ServiceRegistration<?> commandRegistration;
    private AutoCloseable migrationCommands;
    private ServiceTracker<AppRegistry, AppRegistry> registries;
    private ServiceRegistration<?> dataServiceRegistration;

    @Override
    public void start(BundleContext context) {
        String homeProperty = context.getProperty(HOME_PROPERTY);
        Path home = homeProperty == null || homeProperty.isBlank() ? null : Path.of(homeProperty).toAbsolutePath().normalize();
        Path dbFolder;
        if (home != null) {
            dbFolder = home.resolve("data").resolve("db");
        } else {
            File area = context.getDataFile("db");
            if (area == null) {
                throw new IllegalStateException("neither the framework property " + HOME_PROPERTY + " nor a data area"
                        + " (org.osgi.framework.storage) tells where the embedded database goes");
            }
            dbFolder = area.toPath();
        }
        DatabaseSettings initial;
        try {
            initial = DataConfiguration.initial(context, home, dbFolder);
        } catch (NoClassDefFoundError noConfigAdmin) {
            initial = DatabaseSettings.h2Default(dbFolder);
        }
        keeper = new DatabaseKeeper(context, initial);
        keeper.start();
        keeper.awaitFirstAttempt(FIRST_ATTEMPT);
        try {
            configRegistration = DataConfiguration.register(context, keeper, home, dbFolder);
        } catch (NoClassDefFoundError noConfigAdmin) {
            // ConfigAdmin is optional: without it the database is the embedded H2
        }
        try {
            commandRegistration = DatabaseCommand.register(context, keeper.database());
        } catch (NoClassDefFoundError noShell) {
            // Gogo is optional
        }
        Database db = keeper.database();
        SchemaApplier schema = SchemaApplier.forBundles(context);
        participant = new DataParticipant(db, schema::apply);
        participant.open();
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(Constants.SERVICE_RANKING, PARTICIPANT_RANKING);
        participantRegistration = context.registerService(AppParticipant.class, participant, p);
        // the supplier throws IllegalStateException naming the reason while the database is unavailable
        migrationCommands = MigrationCommands.register(context, () -> schema.migrator(db.dataSource(), db.dialect()), schema);
        registries = new ServiceTracker<>(context, AppRegistry.class, null);
        registries.open();
        ModelDirectory directory = ModelDirectory.tracked(registries::getService);
        dataServiceRegistration = context.registerService(DataService.class.getName(),
                new DataServiceFactory(new CurrentAccess(() -> poolOrNull(db), db::dialect, TableNames.DJANGO, directory),
                        this::findApp), null);
    }

    /** The pool in use, or {@code null} while the database is unavailable (it may go between two calls). */
    private static javax.sql.DataSource poolOrNull(Database db) {
        try {
            return db.isAvailable() ? db.dataSource() : null;
        } catch (IllegalStateException wentAway) {
            return null;
        }
    }

    /** The app labelled {@code label} in the registry, if there is a registry and such an app. */
    private Optional<App> findApp(String label) {
        AppRegistry registry = registries.getService();
        return registry == null ? Optional.empty() : registry.findApp(label);
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        dataServiceRegistration.unregister();
        registries.close();
        if (migrationCommands != null) {
            migrationCommands.close();
        }
        participantRegistration.unregister(); // the registry lets the apps it concerned step down first
        participant.close();
        if (commandRegistration != null) {
            commandRegistration.unregister();
        }
        if (configRegistration != null) {
            configRegistration.unregister();
        }
        keeper.stop();
    }
}
