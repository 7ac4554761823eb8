package io.tessera.data.internal.schema;

import java.util.List;
import java.util.Optional;

import org.osgi.framework.Version;

import io.tessera.core.App;
import io.tessera.core.AppConfig;
import io.tessera.core.AppState;
import io.tessera.core.Model;
import io.tessera.core.Requirement;

/** An app as the registry would show it, for tests of the schema code outside the framework. */
record TestApp(String label, AppState state, List<Model> models) implements App {

    @Override
    public String name() {
        return label;
    }

    @Override
    public String verboseName() {
        return label;
    }

    @Override
    public Version version() {
        return Version.emptyVersion;
    }

    @Override
    public String reason() {
        return "";
    }

    @Override
    public Optional<Model> model(String modelName) {
        return models.stream().filter(m -> m.name().equalsIgnoreCase(modelName)).findFirst();
    }

    @Override
    public List<Requirement> requirements() {
        return List.of();
    }

    @Override
    public long bundleId() {
        return 42;
    }

    @Override
    public String symbolicName() {
        return "test." + label;
    }

    @Override
    public String location() {
        return "test:" + label;
    }

    @Override
    public AppConfig config() {
        return null;
    }
}
