package io.tessera.data.internal.access;

import java.util.Optional;
import java.util.function.Supplier;

import io.tessera.core.App;
import io.tessera.core.AppRegistry;
import io.tessera.core.Model;

/**
 * What the data layer asks about other apps' models: for {@code {auth.User}} in an app's SQL, and to
 * say which app a class that is not the caller's model belongs to. Thread-safe.
 */
public interface ModelDirectory {

    /** Knows no other app. */
    ModelDirectory NONE = new ModelDirectory() {
        @Override
        public Optional<Model> model(String key) {
            return Optional.empty();
        }

        @Override
        public Optional<String> appOf(Class<?> type) {
            return Optional.empty();
        }
    };

    /** The model with key {@code "label.Model"} of a READY app. */
    Optional<Model> model(String key);

    /** The label of the app whose bundle holds {@code type}, if any. */
    Optional<String> appOf(Class<?> type);

    /** The registry's answers. */
    static ModelDirectory of(AppRegistry registry) {
        return new ModelDirectory() {
            @Override
            public Optional<Model> model(String key) {
                return registry.findModel(key);
            }

            @Override
            public Optional<String> appOf(Class<?> type) {
                return registry.appContaining(type).map(App::label);
            }
        };
    }

    /** The answers of the registry {@code registry} gives at each question (none while it gives {@code null}). */
    static ModelDirectory tracked(Supplier<AppRegistry> registry) {
        return new ModelDirectory() {
            @Override
            public Optional<Model> model(String key) {
                AppRegistry r = registry.get();
                return r == null ? Optional.empty() : r.findModel(key);
            }

            @Override
            public Optional<String> appOf(Class<?> type) {
                AppRegistry r = registry.get();
                return r == null ? Optional.empty() : r.appContaining(type).map(App::label);
            }
        };
    }
}
