package io.tessera.bench.jmh;

import java.util.List;

import io.tessera.core.AppConfig;

/** A plain {@link AppConfig}: a label and its model classes. */
public final class FixedConfig implements AppConfig {

    private final String label;
    private final List<Class<?>> models;

    public FixedConfig(String label, List<Class<?>> models) {
        this.label = label;
        this.models = List.copyOf(models);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<Class<?>> models() {
        return models;
    }
}
