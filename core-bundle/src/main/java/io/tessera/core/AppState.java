package io.tessera.core;

/** Where an app stands in its lifecycle. Only READY apps' models are visible to lookups. */
public enum AppState {
    /** Known to the registry, not yet evaluated. */
    INSTALLED,
    /** Valid, but something it needs is missing; it becomes READY by itself when that arrives. */
    WAITING,
    /** Its ready hook is running. */
    STARTING,
    /** In service: its models are in the index and its ready hook returned normally. */
    READY,
    /** Its stopping hook is running. */
    STOPPING,
    /** Something about this app itself must be fixed; the reason says what. */
    FAILED,
    /**
     * Its bundle is installed but is not running the app: not resolved, not started, or active
     * without having published its config; the reason says which and what to do. Such an app holds
     * no label, name or model: a running app with the same label is the one lookups find.
     * An app whose activator threw is {@link #FAILED}.
     *
     * @since 1.1
     */
    STOPPED;

    /** Whether the app is between two stable states. */
    public boolean isTransient() {
        return this == INSTALLED || this == STARTING || this == STOPPING;
    }
}
