package io.tessera.registry.internal.index;

import java.util.List;
import java.util.Set;

import org.osgi.framework.Version;

import io.tessera.core.AppConfig;
import io.tessera.core.Model;
import io.tessera.core.Requirement;

/**
 * Everything the registry read from one published {@link AppConfig}, read once, outside any
 * lock, so that the engine never calls app code to decide anything. Immutable.
 *
 * @param id          unique for the registry's lifetime (the service id)
 * @param hooks       how to call the config's ready and stopping hooks
 * @param error       a problem with the config itself (bad label, conflicting models, a
 *                    throwing accessor...), or {@code null}
 * @param modelClasses for each model, which class it stands for ({@code name@bundle id}): a class
 *                    can be a model of one app only
 * @param requirements the declared requirements, then one per other app that models refer to
 * @param placeholder  whether this stands for an app whose bundle is installed but not running it
 *                     (see {@link #placeholder}): it has no config, no hooks, and claims nothing
 * @param system       whether the app is a system app ({@link AppConfig#system()})
 * @param tags         the app's tags ({@link AppConfig#tags()}), for load filters
 * @param extensions   the extension points it declares and the contributions it makes
 */
public record Candidate(long id, AppConfig config, AppHooks hooks, String label, String name, String verboseName, Version version,
        Origin origin, List<Model> models, List<String> modelClasses, List<Requirement> requirements, List<ModelReference> references,
        Set<String> packages, String error, boolean placeholder, boolean system, Set<String> tags,
        AppExtensions extensions) {

    /** How a placeholder whose bundle never told its label is listed; never a lookup key. */
    public static String unknownLabel(long bundleId) {
        return "? (bundle " + bundleId + ")";
    }

    /**
     * An app whose bundle is installed but not running it, as far as the registry knows it: its
     * label, or {@code null} when the bundle is an app by its headers but never ran here.
     */
    public static Candidate placeholder(long id, Origin origin, String label) {
        return placeholder(id, origin, label, false);
    }

    /** A placeholder as above, of a system app when {@code system} (so it cannot be disabled while stopped either). */
    public static Candidate placeholder(long id, Origin origin, String label, boolean system) {
        String shown = label == null ? unknownLabel(origin.bundleId()) : label;
        Version version = origin.version() == null ? Version.emptyVersion : origin.version();
        return new Candidate(id, null, AppHooks.NONE, shown, origin.symbolicName(), shown, version, origin, List.of(),
                List.of(), List.of(), List.of(), Set.of(), null, true, system && label != null, Set.of(),
                AppExtensions.NONE);
    }

    /** Whether lookups by {@link #label()} may find this app: not a placeholder of an unknown label. */
    public boolean labelKnown() {
        return !(placeholder && label.equals(unknownLabel(origin.bundleId())));
    }

    public Candidate {
        if (models.size() != modelClasses.size()) {
            throw new IllegalArgumentException("one model class per model: " + models + " and " + modelClasses);
        }
    }

    /** The same candidate under another name (a placeholder stays one). */
    public Candidate withName(String newName) {
        return new Candidate(id, config, hooks, label, newName, verboseName, version, origin, models, modelClasses,
                requirements, references, packages, error, placeholder, system, tags, extensions);
    }

    /** The same candidate with what its bundle says about extension points. */
    public Candidate withExtensions(AppExtensions read) {
        return new Candidate(id, config, hooks, label, name, verboseName, version, origin, models, modelClasses,
                requirements, references, packages, error, placeholder, system, tags, read);
    }

    /**
     * The model with this name, case-insensitive. A scan, not a table: apps have a handful of
     * models, no two with the same lower-case name, and the lower-case spelling (the usual one)
     * matches without folding.
     */
    public Model model(String modelName) {
        for (int i = 0; i < models.size(); i++) {
            Model m = models.get(i);
            if (m.lookupName().equals(modelName) || m.name().equalsIgnoreCase(modelName)) {
                return m;
            }
        }
        return null;
    }
}
