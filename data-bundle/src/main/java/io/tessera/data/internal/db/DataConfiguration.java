package io.tessera.data.internal.db;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedService;

/**
 * Receives the configuration {@value DatabaseSettings#PID} from ConfigAdmin (the file
 * {@code etc/io.tessera.data.cfg}, through FileInstall) and hands the keeper each version:
 * settings to switch to, or a refusal naming the file and key (the database in use stays). No
 * configuration, or its deletion, means the embedded H2 default. Loaded only when ConfigAdmin's
 * package is there ({@link NoClassDefFoundError} otherwise).
 */
public final class DataConfiguration implements ManagedService {

    private static final Logger LOG = Logger.getLogger("io.tessera.data");
    /** The property FileInstall sets to the URL of the file a configuration came from. */
    static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private final DatabaseKeeper keeper;
    private final Path home;
    private final Path defaultFolder;

    private DataConfiguration(DatabaseKeeper keeper, Path home, Path defaultFolder) {
        this.keeper = keeper;
        this.home = home;
        this.defaultFolder = defaultFolder;
    }

    /**
     * The settings ConfigAdmin holds now, if it runs and has them (so that the runtime does not
     * open H2 only to switch to PostgreSQL a moment later); else the H2 default.
     */
    public static DatabaseSettings initial(BundleContext context, Path home, Path defaultFolder) {
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin admin = ref == null ? null : context.getService(ref);
        if (admin == null) {
            return DatabaseSettings.h2Default(defaultFolder);
        }
        try {
            Configuration[] found = admin.listConfigurations("(" + Constants.SERVICE_PID + "=" + DatabaseSettings.PID + ")");
            if (found != null && found.length > 0 && found[0].getProperties() != null) {
                Map<String, Object> map = toMap(found[0].getProperties());
                return DatabaseSettings.parse(map, where(map, home), home, defaultFolder);
            }
        } catch (IOException | InvalidSyntaxException | DatabaseSettings.BadSettings | RuntimeException e) {
            // said when ConfigAdmin delivers the same configuration to the managed service
            LOG.log(Level.FINE, "the configuration " + DatabaseSettings.PID + " is not used at start", e);
        } finally {
            context.ungetService(ref);
        }
        return DatabaseSettings.h2Default(defaultFolder);
    }

    /** Registers the managed service; ConfigAdmin then delivers the configuration (or none) at once. */
    public static ServiceRegistration<?> register(BundleContext context, DatabaseKeeper keeper, Path home,
            Path defaultFolder) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, DatabaseSettings.PID);
        return context.registerService(ManagedService.class, new DataConfiguration(keeper, home, defaultFolder), properties);
    }

    @Override
    public void updated(Dictionary<String, ?> properties) {
        Map<String, Object> map = properties == null ? null : toMap(properties);
        try {
            keeper.configure(DatabaseSettings.parse(map, where(map, home), home, defaultFolder));
        } catch (DatabaseSettings.BadSettings bad) {
            keeper.refused(bad.getMessage() + "; fix the file and save it again");
        }
    }

    private static Map<String, Object> toMap(Dictionary<String, ?> properties) {
        Map<String, Object> map = new HashMap<>();
        for (String key : Collections.list(properties.keys())) {
            map.put(key, properties.get(key));
        }
        return map;
    }

    /** "etc/io.tessera.data.cfg" (relative to the home when it is in it), or the PID when there is no file. */
    static String where(Map<String, ?> properties, Path home) {
        Object file = properties == null ? null : properties.get(FILE_PROPERTY);
        if (file == null) {
            return properties == null ? DatabaseSettings.FILE : "configuration " + DatabaseSettings.PID;
        }
        String name = String.valueOf(file);
        try {
            Path path = (name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name)).toAbsolutePath().normalize();
            return home != null && path.startsWith(home) ? home.relativize(path).toString() : path.toString();
        } catch (RuntimeException notAPath) {
            return name;
        }
    }
}
