package io.tessera.core;

import java.util.Objects;

/**
 * One change of one app, as delivered to {@link AppListener}s. Immutable.
 *
 * <p>{@link #app()} is the app as it was right after the change, so its
 * {@link App#state() state} and {@link App#reason() reason} are those of this event.
 */
public final class AppEvent {

    /** What happened. Apart from INSTALLED and REMOVED, the type is the app's new state. */
    public enum Type {
        /** The registry learned of the app; always the first event of an app. */
        INSTALLED,
        WAITING,
        STARTING,
        READY,
        STOPPING,
        FAILED,
        /** The app's bundle is installed but not running it; see {@link AppState#STOPPED}. @since 1.1 */
        STOPPED,
        /** The app was switched off; see {@link AppState#DISABLED}. @since 1.1 */
        DISABLED,
        /** A load filter leaves the app out; see {@link AppState#FILTERED}. @since 1.1 */
        FILTERED,
        /** The registry's participants are preparing the app; see {@link AppState#PREPARING}. @since 1.2 */
        PREPARING,
        /** The app left the index; always the last event of an app. */
        REMOVED;

        static Type of(AppState state) {
            return Type.valueOf(state.name());
        }
    }

    private final Type type;
    private final App app;
    private final AppState previous;
    private final long sequence;

    public AppEvent(Type type, App app, AppState previous, long sequence) {
        this.type = Objects.requireNonNull(type);
        this.app = Objects.requireNonNull(app);
        this.previous = previous;
        this.sequence = sequence;
    }

    /** The event type that reports {@code state}. */
    public static Type typeOf(AppState state) {
        return Type.of(state);
    }

    public Type type() {
        return type;
    }

    public App app() {
        return app;
    }

    /** The state before this change; {@code null} for INSTALLED. */
    public AppState previousState() {
        return previous;
    }

    /** Strictly increasing across the changes of one registry; 0 for events replayed to a late listener. */
    public long sequence() {
        return sequence;
    }

    /** {@code #42 blog WAITING: requires 'auth', which is not installed}. */
    @Override
    public String toString() {
        String reason = app.reason();
        return "#" + sequence + " " + app.label() + " " + type + (reason.isEmpty() ? "" : ": " + reason);
    }
}
