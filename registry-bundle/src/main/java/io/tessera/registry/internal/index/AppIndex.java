package io.tessera.registry.internal.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.core.LookupException;
import io.tessera.core.Model;

/**
 * The one place the app and model index lives, and the read side of the registry.
 *
 * <p>One writer (the engine's thread) changes it; any number of readers read it without locks.
 * Every value stored is immutable, so a reader always sees whole apps and models. The writer
 * publishes a READY app's models before the app itself and withdraws them after it stops being
 * READY, so a lookup never finds a model whose app is not READY. Maps are updated in place rather
 * than copied, so a change costs the same with ten apps as with ten thousand; the ordered lists
 * are built on demand and cached until the next change, which drops them.
 */
public final class AppIndex {

    private final Map<Long, AppRecord> byId = new ConcurrentHashMap<>();
    /** The app each label leads to: its holder, or else the first app that asked for it. */
    private final Map<String, AppRecord> byLabel = new ConcurrentHashMap<>();
    private final Map<String, AppRecord> readyByName = new ConcurrentHashMap<>();
    /** Every app of each bundle (a bundle may offer several, but nearly always offers one). */
    private final Map<Long, List<AppRecord>> byBundle = new ConcurrentHashMap<>();
    /**
     * READY apps' models by exact key ("label.Model"), for the one-get lookup. Any other spelling
     * goes through the app's record ({@link #model(String, String)}), so a model is one entry to
     * write as its app arrives, remove as it leaves and keep in between, not one per spelling.
     */
    private final Map<String, Model> modelsByKey = new ConcurrentHashMap<>();

    private volatile long generation;
    private volatile Ordered ordered = NONE;
    /** READY apps' contributions by extension point, written with the app's READY record. */
    private final ExtensionIndex extensions = new ExtensionIndex();

    /**
     * No cached lists. The cache is dropped as soon as the index changes, not when the lists are
     * next read: until then it would keep the records of an app that left, and through their
     * models and config the app's classes and class loader.
     */
    private static final Ordered NONE = new Ordered(-1, List.of(), List.of());

    private record Ordered(long generation, List<App> apps, List<Model> models) {
    }

    // ---- writer side: called only by the engine's applier ----

    /** Stores (or replaces) an app's record; {@code leadsLabel} if lookups by its label should find it. */
    public void put(AppRecord record, boolean leadsLabel) {
        byId.put(record.id(), record);
        if (leadsLabel) {
            byLabel.put(record.label(), record);
        } else {
            // an app that no longer leads its label (say, stopping after its bundle withdrew it while a rival
            // waits) stays what lookups find until the engine hands the label over: keep that record current
            replaceIfSame(byLabel, record.label(), record);
        }
        byBundle.compute(record.bundleId(), (k, apps) -> with(apps, record));
        if (record.state() == AppState.READY) {
            readyByName.put(record.name(), record);
        } else {
            removeIfSame(readyByName, record.name(), record.id());
        }
    }

    private static <K> void replaceIfSame(Map<K, AppRecord> map, K key, AppRecord record) {
        map.computeIfPresent(key, (k, current) -> current.id() == record.id() ? record : current);
    }

    private static <K> void removeIfSame(Map<K, AppRecord> map, K key, long id) {
        map.computeIfPresent(key, (k, current) -> current.id() == id ? null : current);
    }

    /** {@code apps} with {@code record} in place of the record with its id, or added. */
    private static List<AppRecord> with(List<AppRecord> apps, AppRecord record) {
        if (apps == null || apps.size() == 1 && apps.get(0).id() == record.id()) {
            return List.of(record); // a bundle's one app, which changes state several times as it arrives
        }
        List<AppRecord> out = others(apps, record.id());
        out.add(record);
        return List.copyOf(out);
    }

    /** {@code apps} without the record with this id; {@code null} if none is left. */
    private static List<AppRecord> without(List<AppRecord> apps, long id) {
        List<AppRecord> out = others(apps, id);
        return out.isEmpty() ? null : List.copyOf(out);
    }

    private static List<AppRecord> others(List<AppRecord> apps, long id) {
        List<AppRecord> out = new ArrayList<>(apps == null ? 1 : apps.size() + 1);
        for (AppRecord a : apps == null ? List.<AppRecord>of() : apps) {
            if (a.id() != id) {
                out.add(a);
            }
        }
        return out;
    }

    /** Forgets that the app {@code id} was installed under {@code oldName}, after it was renamed. */
    public void forgetName(String oldName, long id) {
        removeIfSame(readyByName, oldName, id);
    }

    public void remove(AppRecord record) {
        remove(record, false);
    }

    /**
     * Removes an app's record; with {@code keepLabel}, lookups by its label keep finding it until
     * the app that replaces it in the same batch is {@link #put}: so they never find nothing.
     */
    public void remove(AppRecord record, boolean keepLabel) {
        byId.remove(record.id());
        if (!keepLabel) {
            removeIfSame(byLabel, record.label(), record.id());
        }
        byBundle.computeIfPresent(record.bundleId(), (k, apps) -> without(apps, record.id()));
        removeIfSame(readyByName, record.name(), record.id());
    }

    /** Makes an app's models visible to lookups by key; call before publishing it READY. */
    public void publishModels(Candidate app) {
        for (Model m : app.models()) {
            modelsByKey.put(m.key(), m);
        }
    }

    /** Hides an app's models from lookups by key; call after publishing it as no longer READY. */
    public void withdrawModels(Candidate app) {
        for (Model m : app.models()) {
            modelsByKey.remove(m.key(), m);
        }
    }

    /** Marks the end of one change: readers' cached lists are rebuilt on next use. */
    public void changed() {
        generation++;
        ordered = NONE;
    }

    // ---- reader side ----

    /** The contributions of READY apps by extension point; written only by the engine's applier. */
    public ExtensionIndex extensions() {
        return extensions;
    }

    public long generation() {
        return generation;
    }

    public List<App> apps() {
        return ordered().apps();
    }

    public List<Model> models() {
        return ordered().models();
    }

    private Ordered ordered() {
        Ordered o = ordered;
        long g = generation;
        if (o.generation() == g) {
            return o;
        }
        List<App> apps = DependencyOrder.sort(new ArrayList<>(byId.values()), byLabel);
        List<Model> models = new ArrayList<>();
        for (App a : apps) {
            if (a.state() == AppState.READY) {
                models.addAll(a.models());
            }
        }
        o = new Ordered(g, List.copyOf(apps), List.copyOf(models));
        if (generation == g) {
            ordered = o;
            if (generation != g) { // changed meanwhile, perhaps after the writer dropped the cache: drop it again
                ordered = NONE;
            }
        }
        return o;
    }

    public Optional<App> findApp(String label) {
        return Optional.ofNullable(label == null ? null : byLabel.get(label));
    }

    public App app(String label) {
        AppRecord app = label == null ? null : byLabel.get(label);
        if (app != null) {
            return app;
        }
        throw unknownLabel(label);
    }

    /** The app of a bundle: a READY one if there is one, else the first to arrive. */
    public AppRecord appOfBundle(long bundleId) {
        List<AppRecord> apps = byBundle.get(bundleId);
        AppRecord best = null;
        for (AppRecord a : apps == null ? List.<AppRecord>of() : apps) {
            if (best == null || (a.isReady() && !best.isReady()) || (a.isReady() == best.isReady() && a.id() < best.id())) {
                best = a;
            }
        }
        return best;
    }

    /** Whether a config of this bundle is in the index: the bundle runs (or ran until now) its app. */
    public boolean runsAppOf(long bundleId) {
        List<AppRecord> apps = byBundle.get(bundleId);
        if (apps != null) {
            for (AppRecord a : apps) {
                if (!a.candidate().placeholder()) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean isInstalled(String appName) {
        return appName != null && readyByName.containsKey(appName);
    }

    public Model model(String key) {
        Model m = key == null ? null : modelsByKey.get(key);
        if (m != null) {
            return m;
        }
        int dot = key == null ? -1 : key.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("Model key '" + key
                    + "' must be of the form 'app_label.ModelName', for example 'blog.Post'.");
        }
        return model(key.substring(0, dot), key.substring(dot + 1));
    }

    public Optional<Model> findModel(String key) {
        Model m = key == null ? null : modelsByKey.get(key);
        if (m != null || key == null) {
            return Optional.ofNullable(m);
        }
        int dot = key.indexOf('.');
        return Optional.ofNullable(dot < 0 ? null : readyModel(key.substring(0, dot), key.substring(dot + 1)));
    }

    public Model model(String label, String modelName) {
        Model m = readyModel(label, modelName);
        if (m != null) {
            return m;
        }
        throw unknownModel(label, modelName);
    }

    /**
     * The model of the READY app with this label, any case; {@code null} if none. The app that
     * lookups by label lead to is the READY one whenever there is one, and its record carries its
     * models: a record is immutable, so READY and the models come together.
     */
    private Model readyModel(String label, String modelName) {
        AppRecord app = label == null || modelName == null ? null : byLabel.get(label);
        return app != null && app.state() == AppState.READY ? app.candidate().model(modelName) : null;
    }

    public Optional<App> appContaining(String classOrPackage) {
        if (classOrPackage == null || classOrPackage.isEmpty()) {
            return Optional.empty();
        }
        App best = null;
        int bestLength = -1;
        for (AppRecord a : byId.values()) {
            for (String p : a.candidate().packages()) {
                boolean match = classOrPackage.equals(p) || classOrPackage.startsWith(p + ".");
                boolean better = p.length() > bestLength
                        || (p.length() == bestLength && best != null && a.state() == AppState.READY && !best.isReady());
                if (match && better) {
                    best = a;
                    bestLength = p.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    // ---- error messages ----

    private LookupException unknownLabel(String label) {
        for (AppRecord a : byId.values()) {
            if (a.name().equals(label)) {
                return new LookupException("No app with label '" + label + "'. That is the full name of app '"
                        + a.label() + "'; apps are looked up by label. Did you mean '" + a.label() + "'?",
                        List.of(a.label()));
            }
        }
        List<String> close = Suggestions.closest(String.valueOf(label), byLabel.keySet(), 3);
        return new LookupException("No app with label '" + label + "'." + Suggestions.didYouMean(close)
                + (close.isEmpty() ? " Installed apps: " + sortedLabels() + "." : ""), close);
    }

    private String sortedLabels() {
        List<String> labels = new ArrayList<>(byLabel.keySet());
        labels.sort(null);
        return labels.isEmpty() ? "none" : String.join(", ", labels);
    }

    private RuntimeException unknownModel(String label, String modelName) {
        AppRecord app = label == null ? null : byLabel.get(label);
        if (app == null) {
            return unknownLabel(label);
        }
        if (app.state() != AppState.READY) {
            return new LookupException("App '" + label + "' is " + app.state() + " (" + app.reason()
                    + "), so its models are not available.", List.of());
        }
        List<String> names = app.models().stream().map(Model::name).toList();
        List<String> close = Suggestions.closest(String.valueOf(modelName), names, 3);
        return new LookupException("App '" + label + "' has no model '" + modelName + "'."
                + Suggestions.didYouMean(close) + " Its models: " + (names.isEmpty() ? "none" : String.join(", ", names))
                + ".", close);
    }
}
