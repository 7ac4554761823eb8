package io.tessera.registry.internal.activation;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedService;

import io.tessera.registry.internal.Log;

/**
 * Receives the load filter from ConfigAdmin (PID {@value LoadFilter#PID}, the file
 * {@code etc/io.tessera.activation.cfg} when FileInstall feeds ConfigAdmin from etc/) and applies
 * each update at once. An update with a rule that is not valid leaves the rules in force and is
 * reported in {@code apps:diag} with the file, key and line. Loaded only when ConfigAdmin's package
 * is there: without ConfigAdmin, nothing is filtered.
 *
 * <p>On a first start (an empty {@code data/}) FileInstall hands the file to ConfigAdmin on its own
 * thread, after the registry has started, and ConfigAdmin first tells the registry there is no
 * configuration at all: the apps the file leaves out would be READY for a moment. So when ConfigAdmin
 * has no configuration yet and FileInstall's folder ({@value #FILEINSTALL_DIR}) holds
 * {@code io.tessera.activation.cfg}, the registry reads that file itself as it starts, and keeps its
 * rules through "no configuration" from ConfigAdmin while the file is there and FileInstall has not
 * delivered it yet. FileInstall's delivery then applies the same rules, and every later edit applies
 * as usual. (A typed {@code .config} file is left to ConfigAdmin.)
 */
public final class FilterConfiguration implements ManagedService {

    /** The property FileInstall sets to the URL of the file a configuration came from. */
    static final String FILE_PROPERTY = "felix.fileinstall.filename";
    /** The framework property naming the folder FileInstall feeds ConfigAdmin from (the home's etc/). */
    static final String FILEINSTALL_DIR = "felix.fileinstall.dir";

    private final Activation activation;
    private volatile LoadFilter inForce = LoadFilter.NONE;
    /** The file read at start before ConfigAdmin had it, until ConfigAdmin delivers a configuration; else null. */
    private volatile Path readAtStart;

    private FilterConfiguration(Activation activation) {
        this.activation = activation;
    }

    /**
     * Applies the configuration ConfigAdmin holds now, if it is running (so that an app a filter
     * leaves out never starts while the registry starts), then registers the managed service for
     * the updates; throws {@link NoClassDefFoundError} without ConfigAdmin's package.
     */
    public static ServiceRegistration<?> register(BundleContext context, Activation activation) {
        FilterConfiguration managed = new FilterConfiguration(activation);
        if (!managed.readNow(context)) {
            managed.readFile(context.getProperty(FILEINSTALL_DIR));
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, LoadFilter.PID);
        return context.registerService(ManagedService.class, managed, properties);
    }

    /** Applies the configuration ConfigAdmin holds, if it runs and holds one; whether it did. */
    private boolean readNow(BundleContext context) {
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin admin = ref == null ? null : context.getService(ref);
        if (admin == null) {
            return false; // ConfigAdmin starts later: its first update applies the rules then
        }
        try {
            Configuration[] found = admin.listConfigurations("(" + Constants.SERVICE_PID + "=" + LoadFilter.PID + ")");
            if (found != null && found.length > 0) {
                updated(found[0].getProperties());
                return true;
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            Log.warn("could not read the load filter (" + LoadFilter.PID + ") at start; it applies when ConfigAdmin"
                    + " delivers it", e);
        } finally {
            context.ungetService(ref);
        }
        return false;
    }

    /**
     * Applies {@code etc/io.tessera.activation.cfg} (in FileInstall's folder {@code dir}) as FileInstall
     * will deliver it, if it is there; a file that cannot be read is left to FileInstall and ConfigAdmin.
     */
    private void readFile(String dir) {
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path file = Path.of(dir.trim()).resolve(LoadFilter.PID + ".cfg");
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) { // a .cfg's encoding, as FileInstall reads it
            read.load(in);
        } catch (IOException | IllegalArgumentException unreadable) {
            return; // FileInstall reports what is wrong with it
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        read.stringPropertyNames().forEach(key -> properties.put(key, read.getProperty(key).trim()));
        properties.put(FILE_PROPERTY, file.toUri().toString());
        readAtStart = file;
        updated(properties);
    }

    @Override
    public void updated(Dictionary<String, ?> properties) {
        Path early = readAtStart;
        if (properties == null && early != null && Files.isRegularFile(early)) {
            return; // ConfigAdmin has not had the file from FileInstall yet: its rules, read at start, stay
        }
        if (properties != null && properties.get(Constants.SERVICE_PID) != null) {
            readAtStart = null; // ConfigAdmin's own configuration: from now on it says what holds
        }
        Map<String, Object> map = new HashMap<>();
        if (properties != null) {
            for (String key : Collections.list(properties.keys())) {
                map.put(key, properties.get(key));
            }
        }
        try {
            LoadFilter next = LoadFilter.parse(properties == null ? null : map);
            inForce = next;
            activation.filter(next);
        } catch (LoadFilter.BadRule bad) {
            activation.filterRefused(where(map, bad.key()) + ": " + bad.getMessage() + "; the rules in force stay ("
                    + inForce + "); fix the file and save it again");
        }
    }

    /** "etc/io.tessera.activation.cfg line 3, key include.regex", or the PID when there is no file. */
    static String where(Map<String, ?> properties, String key) {
        Object file = properties.get(FILE_PROPERTY);
        if (file == null) {
            return "configuration " + LoadFilter.PID + ", key " + key;
        }
        String name = String.valueOf(file);
        Path path = null;
        try {
            path = name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name);
            name = path.toString();
        } catch (RuntimeException notAPath) {
            // name it as given
        }
        int line = path == null ? -1 : lineOf(path, key);
        return name + (line > 0 ? " line " + line : "") + ", key " + key;
    }

    private static int lineOf(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).stripLeading();
                if (l.startsWith(key) && l.substring(key.length()).stripLeading().matches("^[=:].*")) {
                    return i + 1;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // the file changed or went: the key still says where
        }
        return -1;
    }
}
