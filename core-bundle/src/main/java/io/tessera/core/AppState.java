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
    STOPPED,
    /**
     * Switched off: by the operator ({@link AppActivation#disable}), or by safe mode; the reason
     * says which. It never becomes READY while so, even when its bundle runs it, and its models are
     * not in the index. Apps that require it wait, with the reason "requires 'x', which is disabled".
     *
     * @since 1.1
     */
    DISABLED,
    /**
     * Not loaded because a load filter (configuration {@code io.tessera.activation}) leaves it out;
     * the reason names the rule. Unlike {@link #DISABLED} it is the configuration's decision, not
     * the app's enabled state, which is kept as it was.
     *
     * @since 1.1
     */
    FILTERED,
    /**
     * Its requirements are met and the gates let it run, and the registry's participants (for
     * example the data layer applying its migrations) are preparing it; its ready hook runs when
     * every participant has finished. The reason says what is being done ("applying migration
     * 0002_add_slug of 'blog' (2 of 3)"). Other apps keep arriving and leaving meanwhile.
     *
     * @since 1.2
     * @see io.tessera.core.spi.AppParticipant
     */
    PREPARING;

    /** Whether the app is between two stable states. */
    public boolean isTransient() {
        return this == INSTALLED || this == STARTING || this == STOPPING || this == PREPARING;
    }
}
