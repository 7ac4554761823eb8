package io.tessera.core;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Switches apps on and off, as the operator's {@code apps:enable}, {@code apps:disable} and
 * {@code apps:safe-mode} commands do; a service the registry publishes.
 *
 * <p>The enabled state belongs to a label, not to a bundle: it survives restarts, updates and
 * reinstalls of the app's bundle, and a crash of the process. Every app is enabled until disabled.
 * A disabled app is {@link AppState#DISABLED} and never READY; the apps that require it wait
 * until it is enabled again, and then come back by themselves.
 *
 * <p>Safe mode switches off every app that is not a {@linkplain AppConfig#system() system app},
 * without touching the enabled states; leaving it restores exactly what was there. It is not
 * remembered across restarts: the framework property {@code tessera.safemode=true} starts in it.
 *
 * <p>Threads: any thread but an app's {@code ready()} or {@code stopping()} hook or an
 * {@link AppListener} (the registry waits for those, so a call from there is refused with
 * {@link IllegalStateException}). Each call returns once the change is durable (written to disk
 * and synced) and applied: apps that had to step down have run their {@code stopping()} hooks,
 * and apps that could come back are READY.
 */
@ProviderType
public interface AppActivation {

    /**
     * Enables the app with this label (again). Enabling an enabled app changes nothing. A label no
     * installed app has may be enabled if it was disabled (its app was uninstalled since).
     *
     * <p>When participants ({@link io.tessera.core.spi.AppParticipant}) take part in the app, the
     * enabled state is recorded only once they have prepared it: this returns with the app READY
     * and the state saved. An app no participant concerns, or that is not running, is recorded at
     * once.
     *
     * @throws LookupException if no app has this label and it is not disabled; the message names
     *         the closest labels
     * @throws java.io.UncheckedIOException if the state could not be written; nothing changed
     * @throws IllegalStateException if a participant failed the app's preparation (the app is then
     *         FAILED with its reason), said it waits for something, or did not finish in time; the
     *         label stays disabled, and the message says why
     */
    void enable(String label);

    /**
     * Disables the app with this label. Disabling a disabled app changes nothing.
     *
     * @throws LookupException if no app in the registry has this label; the message names the
     *         closest labels
     * @throws IllegalArgumentException if the app is a system app, which cannot be disabled
     * @throws java.io.UncheckedIOException if the state could not be written; nothing changed
     */
    void disable(String label);

    /** Whether the operator left this label enabled (true for every label never disabled). */
    boolean isEnabled(String label);

    /** Enters ({@code true}) or leaves safe mode; returns once the apps have stepped down or come back. */
    void setSafeMode(boolean on);

    /** Whether safe mode is on. */
    boolean isSafeMode();
}
