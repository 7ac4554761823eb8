package io.tessera.core.spi;

import org.osgi.annotation.versioning.ConsumerType;

import io.tessera.core.App;

/**
 * A whiteboard service that takes part in every app's arrival, as an OSGi extender does: once an
 * app's requirements are READY and the gates (enabled state, safe mode, load filters) let it run,
 * the registry asks each participant that {@linkplain #concerns concerns} the app to
 * {@linkplain #prepare prepare} it, and runs the app's {@code ready()} only when all of them have
 * reported {@link Preparation#done()}. Meanwhile the app is {@link io.tessera.core.AppState#PREPARING}
 * (or WAITING, when a participant says it waits for something). The data layer migrates an app's
 * tables here; the web layer checks its routes.
 *
 * <p>Participants are asked one after the other, highest {@code service.ranking} first (then lowest
 * service id): a participant is asked only after the one before it is done, so the web layer sees an
 * app whose tables exist. A failure ({@link Preparation#failed}) makes the app FAILED with the
 * participant's reason; the participants already done are told with {@link #cancel}.
 *
 * <p><b>Threads.</b> Every method is called on the registry's applier thread, with no lock held,
 * and must return quickly: a participant does long work (a migration) on threads of its own and
 * reports through the {@link Preparation}, from any thread. While it works, other apps keep
 * arriving, leaving and becoming READY. A participant may also complete the preparation before
 * {@code prepare} returns.
 *
 * <p><b>Lifecycle.</b> For one app, calls come in this order: {@code prepare}, then either
 * {@code cancel} (the app will not become READY from this preparation: its bundle stops, a
 * requirement left, it was disabled, another participant failed) or, once the app has been READY,
 * {@code left} after its {@code stopping()} hook returned. A participant that registers while apps
 * are READY is asked to prepare each app it concerns, which steps down until it is done; one that
 * unregisters is forgotten, and the apps it concerned are prepared again by the others.
 */
@ConsumerType
public interface AppParticipant {

    /**
     * Whether this participant has anything to do for {@code app}; an app no participant concerns
     * becomes READY without being PREPARING. The answer must depend only on the app's description
     * (its label, models, bundle), so that it does not change while the app is in the index.
     */
    default boolean concerns(App app) {
        return true;
    }

    /**
     * Starts preparing {@code app}; reports through {@code preparation} (now or later, from any
     * thread). What it does must be complete or undone when it reports: the registry never sees
     * half a migration.
     */
    void prepare(App app, Preparation preparation);

    /**
     * The app will not become READY from this preparation: stop as soon as possible. Work already
     * finished and consistent (a migration applied whole) may stay; work in progress must finish
     * or roll back, on the participant's own threads. The preparation ignores any later report.
     */
    void cancel(App app, Preparation preparation);

    /** The app, which was READY, has left: its {@code stopping()} hook has returned. */
    default void left(App app) {
    }
}
