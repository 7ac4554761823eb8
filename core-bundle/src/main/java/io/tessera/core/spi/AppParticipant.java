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
 *
 * <p>In detail (as the registry implements it):
 * <ul>
 * <li>{@code cancel} goes to every participant asked in this preparation, the one at work and
 * those already done, except the one that failed; the app takes its new state without waiting
 * for them.</li>
 * <li>A participant that throws from {@code prepare} or {@code concerns} fails the app, as
 * {@link Preparation#failed} would, with a reason naming the participant's bundle; one that throws
 * from {@code cancel} or {@code left} is logged and changes nothing.</li>
 * <li>When a participant {@linkplain Preparation#revoke revokes}, or registers while the app is
 * READY, the app steps down for it alone: the other participants keep their preparation (they get
 * neither {@code left} nor {@code cancel}) and only that participant is asked to prepare again.
 * A revoked preparation ends with the revoke: its participant gets no {@code left} for it.</li>
 * <li>When a READY app steps down for any other reason, every participant that prepared it gets
 * {@code left}, and the next arrival is a new preparation by all of them.</li>
 * <li>An unregistered participant is not called again; its preparations under way count as
 * cancelled ({@link Preparation#isCancelled()} says so), and the apps it was preparing go on with
 * the other participants. READY apps it had prepared stay READY: no app steps down because a
 * participant left (its bundle stopping must not take the apps down with it).</li>
 * <li>While a participant is at work the app is PREPARING and the registry is not
 * {@linkplain io.tessera.core.AppRegistry#isSettled settled}; an app WAITING on a participant is.</li>
 * </ul>
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
