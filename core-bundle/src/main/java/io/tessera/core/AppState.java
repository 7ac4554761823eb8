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
    FAILED;

    /** Whether the app is between two stable states. */
    public boolean isTransient() {
        return this == INSTALLED || this == STARTING || this == STOPPING;
    }
}
