package io.tessera.registry.internal.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

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
        return read(id, config, origin, AppHooks.of(config));
    }

    /** Reads {@code config}; the engine will call its hooks through {@code hooks}. */
    public static Candidate read(long id, AppConfig config, Origin origin, AppHooks hooks) {
        List<String> errors = new ArrayList<>();
        if (config instanceof DeclaredProblems declared) {
            errors.addAll(declared.problems());
        }
        String label = call(errors, "label()", config::label, null);
        String shownLabel = label == null ? "?" + origin.symbolicName() : label;
        String labelProblem = label == null ? null : Labels.problem(label);
        if (labelProblem != null) {
            errors.add(labelProblem);
        }
        String name = call(errors, "name()", config::name, null);
        if (name == null || name.isBlank()) {
            name = origin.symbolicName();
        }
        String verboseName = call(errors, "verboseName()", config::verboseName, shownLabel);
        List<Class<?>> classes = call(errors, "models()", config::models, List.of());
        List<Requirement> declared = call(errors, "requires()", config::requires, List.of());

        List<Model> models = describe(shownLabel, classes == null ? List.of() : classes, errors);
        List<ModelReference> references = references(models, errors);
        List<Requirement> requirements = requirements(shownLabel, declared == null ? List.of() : declared, references,
                errors);

        Set<String> packages = new LinkedHashSet<>();
        if (!(config instanceof DeclaredProblems)) { // a config the registry wrote lives in the registry, not the app
            packages.add(config.getClass().getPackageName());
        }
        models.forEach(m -> packages.add(m.type().getPackageName()));

        Version version = origin.version() == null ? Version.emptyVersion : origin.version();
        return new Candidate(id, config, hooks, shownLabel, name, verboseName == null ? shownLabel : verboseName, version,
                origin, models, requirements, references, Set.copyOf(packages),
                errors.isEmpty() ? null : String.join("; ", errors));
    }

    private static List<Model> describe(String label, List<Class<?>> classes, List<String> errors) {
        Map<String, Model> byName = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            if (type == null) {
                errors.add("models() lists null");
                continue;
            }
            Model model;
            try {
                model = Model.describe(label, type);
            } catch (RuntimeException | LinkageError e) {
                errors.add("model " + type.getName() + " cannot be described: " + e.getMessage());
                continue;
            }
            Model same = byName.get(model.lookupName());
            if (same == null) {
                byName.put(model.lookupName(), model);
            } else if (same.type() != type) {
                errors.add("conflicting models '" + model.name() + "' in app '" + label + "': " + same.type().getName()
                        + " and " + type.getName() + "; rename one of them");
            }
            // the same class listed twice is harmless (C12)
        }
        return List.copyOf(byName.values());
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
