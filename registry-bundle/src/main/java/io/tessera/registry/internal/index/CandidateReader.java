package io.tessera.registry.internal.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

import org.osgi.framework.Version;

import io.tessera.core.AppConfig;
import io.tessera.core.Model;
import io.tessera.core.ModelField;
import io.tessera.core.Requirement;

/**
 * Reads an {@link AppConfig} into a {@link Candidate}, turning every problem into a reason
 * instead of an exception: a config that throws or lies must not harm the registry.
 */
public final class CandidateReader {

    private CandidateReader() {
    }

    public static Candidate read(long id, AppConfig config, Origin origin) {
        return read(id, config, origin, AppHooks.of(config), DeclaredModels.NONE, type -> -1);
    }

    /**
     * Reads {@code config}, whose models are those its bundle declares and those it lists; the
     * engine will call its hooks through {@code hooks}.
     *
     * @param bundleIdOf the id of the bundle a listed model class was loaded from, or -1: a class
     *                   declared by one bundle and listed by another app is still one class
     */
    public static Candidate read(long id, AppConfig config, Origin origin, AppHooks hooks, DeclaredModels declared,
            ToLongFunction<Class<?>> bundleIdOf) {
        return read(id, config, origin, hooks, declared, bundleIdOf, label -> origin.symbolicName());
    }

    /**
     * As {@link #read(long, AppConfig, Origin, AppHooks, DeclaredModels, ToLongFunction)}, with the
     * name an app gets when its config gives none: {@code defaultName} of its label, called only then.
     */
    public static Candidate read(long id, AppConfig config, Origin origin, AppHooks hooks, DeclaredModels declared,
            ToLongFunction<Class<?>> bundleIdOf, UnaryOperator<String> defaultName) {
        List<String> errors = new ArrayList<>();
        if (config instanceof DeclaredProblems written) {
            errors.addAll(written.problems());
        }
        String label = call(errors, "label()", config::label, null);
        String shownLabel = label == null ? "?" + origin.symbolicName() : label;
        String labelProblem = label == null ? null : Labels.problem(label);
        if (labelProblem != null) {
            errors.add(labelProblem);
        }
        String name = call(errors, "name()", config::name, null);
        if (name == null || name.isBlank()) {
            name = defaultName.apply(shownLabel);
        }
        String verboseName = call(errors, "verboseName()", config::verboseName, shownLabel);
        List<Class<?>> classes = call(errors, "models()", config::models, List.of());
        List<Requirement> required = call(errors, "requires()", config::requires, List.of());
        Boolean system = call(errors, "system()", config::system, false);
        Set<String> tags = call(errors, "tags()", config::tags, Set.of());

        ModelList models = new ModelList(shownLabel, errors);
        for (Model m : declared.of(shownLabel, errors)) {
            models.add(m, m.className() + "@" + origin.bundleId()); // declared classes live in the app's bundle
        }
        describe(models, classes == null ? List.of() : classes, bundleIdOf, errors);
        List<ModelReference> references = references(models.models(), errors);
        List<Requirement> requirements = requirements(shownLabel, required == null ? List.of() : required, references,
                errors);

        Set<String> packages = new LinkedHashSet<>();
        if (!(config instanceof DeclaredProblems)) { // a config the registry wrote lives in the registry, not the app
            packages.add(config.getClass().getPackageName());
        }
        for (Model m : models.models()) {
            int dot = m.className().lastIndexOf('.');
            packages.add(dot < 0 ? "" : m.className().substring(0, dot));
        }

        Version version = origin.version() == null ? Version.emptyVersion : origin.version();
        return new Candidate(id, config, hooks, shownLabel, name, verboseName == null ? shownLabel : verboseName, version,
                origin, models.models(), models.classes(), requirements, references, Set.copyOf(packages),
                errors.isEmpty() ? null : String.join("; ", errors), false, Boolean.TRUE.equals(system),
                tags(tags, errors), AppExtensions.NONE);
    }

    /** The tags as a set; a null tag is an error, not an exception. */
    private static Set<String> tags(Set<String> tags, List<String> errors) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tags == null ? Set.<String>of() : tags) {
            if (t == null || t.isBlank()) {
                errors.add("tags() lists " + (t == null ? "null" : "an empty tag"));
            } else {
                out.add(t.trim());
            }
        }
        return Set.copyOf(out);
    }

    private static void describe(ModelList models, List<Class<?>> classes, ToLongFunction<Class<?>> bundleIdOf,
            List<String> errors) {
        for (Class<?> type : classes) {
            if (type == null) {
                errors.add("models() lists null");
                continue;
            }
            try {
                models.add(Model.describe(models.label, type), classKey(type, bundleIdOf.applyAsLong(type)));
            } catch (RuntimeException | LinkageError e) {
                errors.add("model " + type.getName() + " cannot be described: " + e.getMessage());
            }
        }
    }

    /** Which class this is: its name and the bundle (or, outside a framework, class loader) that defined it. */
    private static String classKey(Class<?> type, long bundleId) {
        return type.getName() + "@" + (bundleId >= 0 ? Long.toString(bundleId)
                : "loader" + System.identityHashCode(type.getClassLoader()));
    }

    /** An app's models by lookup name, with the class each stands for. */
    private static final class ModelList {
        private final String label;
        private final List<String> errors;
        private final Map<String, Model> byName = new LinkedHashMap<>();
        private final Map<String, String> classByName = new LinkedHashMap<>();

        ModelList(String label, List<String> errors) {
            this.label = label;
            this.errors = errors;
        }

        void add(Model model, String classKey) {
            Model same = byName.putIfAbsent(model.lookupName(), model);
            if (same == null) {
                classByName.put(model.lookupName(), classKey);
            } else if (!classByName.get(model.lookupName()).equals(classKey)) {
                errors.add("conflicting models '" + model.name() + "' in app '" + label + "': " + same.className()
                        + " and " + model.className() + "; rename one of them");
            }
            // the same class listed twice (or declared and listed) is harmless (C12)
        }

        List<Model> models() {
            return List.copyOf(byName.values());
        }

        List<String> classes() {
            return List.copyOf(classByName.values());
        }
    }

    private static List<ModelReference> references(List<Model> models, List<String> errors) {
        List<ModelReference> refs = new ArrayList<>();
        for (Model m : models) {
            for (ModelField f : m.fields()) {
                if (f.reference().isEmpty()) {
                    continue;
                }
                String target = f.reference().get();
                int dot = target.indexOf('.');
                if (dot <= 0 || dot == target.length() - 1 || target.indexOf('.', dot + 1) >= 0) {
                    errors.add("field " + m.name() + "." + f.name() + " refers to '" + target
                            + "', which is not of the form 'label.Model' (for example 'auth.User')");
                    continue;
                }
                refs.add(new ModelReference(m, f, target.substring(0, dot), target.substring(dot + 1)));
            }
        }
        return List.copyOf(refs);
    }

    private static List<Requirement> requirements(String label, List<Requirement> declared,
            List<ModelReference> references, List<String> errors) {
        Map<String, Requirement> byLabel = new LinkedHashMap<>();
        for (Requirement r : declared) {
            if (r == null) {
                errors.add("requires() lists null");
            } else if (r.label().equals(label)) {
                errors.add("app '" + label + "' requires itself");
            } else if (byLabel.putIfAbsent(r.label(), r) != null) {
                errors.add("app '" + label + "' requires '" + r.label() + "' twice");
            }
        }
        for (ModelReference ref : references) {
            if (!ref.targetLabel().equals(label)) {
                byLabel.merge(ref.targetLabel(), Requirement.of(ref.targetLabel()),
                        // a model reference makes an optional requirement mandatory
                        (old, implied) -> old.isOptional() ? Requirement.of(old.label(), old.range().toString()) : old);
            }
        }
        return List.copyOf(byLabel.values());
    }

    private static <T> T call(List<String> errors, String what, Supplier<T> accessor, T fallback) {
        try {
            return accessor.get();
        } catch (RuntimeException | LinkageError e) {
            errors.add(what + " threw " + e);
            return fallback;
        }
    }
}
