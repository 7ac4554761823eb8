package io.tessera.registry.internal.index;

import io.tessera.core.AppConfig;

/** How the engine reaches an app's ready and stopping hooks. */
public interface AppHooks {

    void ready();

    void stopping();

    /** No hooks: for apps whose bundle is not running them. */
    AppHooks NONE = new AppHooks() {
        @Override
        public void ready() {
        }

        @Override
        public void stopping() {
        }
    };

    /** Hooks that call {@code config} directly. */
    static AppHooks of(AppConfig config) {
        return new AppHooks() {
            @Override
            public void ready() {
                config.ready();
            }

            @Override
            public void stopping() {
                config.stopping();
            }
        };
    }
}
