package io.tessera.registry.internal.osgi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

import org.osgi.framework.Bundle;

import io.tessera.core.AppConfig;
import io.tessera.core.AppMetadata;
import io.tessera.core.Requirement;
import io.tessera.registry.internal.index.DeclaredProblems;

/**
 * The config the registry writes for a bundle that has only an {@link AppMetadata} header,
 * as Django makes a default AppConfig for an app without one. Whatever is wrong with the header
 * is kept as a problem, so the app shows up FAILED with the reason instead of vanishing.
 */
final class MetadataAppConfig implements AppConfig, DeclaredProblems {

    private final String label;
    private final String verboseName;
    private final List<Class<?>> models = new ArrayList<>();
    private final List<Requirement> requires = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final boolean system;
    private final Set<String> tags = new LinkedHashSet<>();

    MetadataAppConfig(Bundle bundle, String header) {
        Map<String, String> clause;
        try {
            clause = HeaderClauses.parse(header);
        } catch (IllegalArgumentException e) {
            clause = Map.of("", header.split(";", 2)[0].trim());
            problems.add("bad " + AppMetadata.HEADER + " header: " + e.getMessage());
        }
        label = clause.get("");
        String verbose = clause.getOrDefault("verbose-name", "");
        verboseName = verbose.isBlank() ? AppConfig.super.verboseName() : verbose;
        for (String className : HeaderClauses.split(clause.getOrDefault("models", ""), ',')) {
            try {
                models.add(bundle.loadClass(className));
            } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
                problems.add("model class " + className + " named in the " + AppMetadata.HEADER
                        + " header cannot be loaded from the bundle (" + e + ")");
            }
        }
        for (String spec : HeaderClauses.split(clause.getOrDefault("requires", ""), ',')) {
            try {
                requires.add(Requirement.parse(spec));
            } catch (IllegalArgumentException e) {
                problems.add("in the " + AppMetadata.HEADER + " header: " + e.getMessage());
            }
        }
        String systemValue = clause.getOrDefault("system", "false").trim();
        system = systemValue.equalsIgnoreCase("true");
        if (!system && !systemValue.isEmpty() && !systemValue.equalsIgnoreCase("false")) {
            problems.add("in the " + AppMetadata.HEADER + " header: system=\"" + systemValue
                    + "\" is neither true nor false");
        }
        tags.addAll(HeaderClauses.split(clause.getOrDefault("tags", ""), ','));
        for (String key : clause.keySet()) {
            if (!List.of("", "verbose-name", "models", "requires", "system", "tags").contains(key)) {
                problems.add("unknown attribute '" + key + "' in the " + AppMetadata.HEADER
                        + " header (known: verbose-name, models, requires, system, tags)");
            }
        }
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String verboseName() {
        return verboseName;
    }

    @Override
    public List<Class<?>> models() {
        return models;
    }

    @Override
    public List<Requirement> requires() {
        return requires;
    }

    @Override
    public boolean system() {
        return system;
    }

    @Override
    public Set<String> tags() {
        return tags;
    }

    @Override
    public List<String> problems() {
        return problems;
    }
}
