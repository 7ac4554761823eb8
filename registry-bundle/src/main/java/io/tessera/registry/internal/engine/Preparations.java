package io.tessera.registry.internal.engine;

import java.util.function.Consumer;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.core.spi.AppParticipant;
import io.tessera.registry.internal.Failures;
import io.tessera.registry.internal.Log;

/**
 * The engine's side of {@link AppParticipant}: for each app being prepared, which of the
 * {@link Participants} are done and which one is at work ({@link Arrival}). The
 * {@link Reconciler} asks it, when an app could start, whether the app may run its ready hook now;
 * tells it when an app being prepared can no longer start (to cancel), and when a prepared app
 * stepped down (to tell the participants it left). Participant code runs here, on the applier,
 * with no lock held; a participant that throws fails the preparation it was called for.
 *
 * <p>With no participant registered, an app costs one field read and one list check: nothing
 * is allocated.
 */
final class Preparations {

    /** What {@link #prepare} found. */
    enum Outcome {
        /** Every participant concerned is done: the app may run its ready hook. */
        START,
        /** A participant is at work (the app is PREPARING or WAITING). */
        PREPARING,
        /** A participant failed it: the app is FAILED, its {@link Entry#hookFailure} says why. */
        FAILED
    }

    private final Participants participants;
    private final Publisher publisher;
    private final Consumer<Ticket> reported;

    /**
     * @param reported how a ticket asks the engine to look at its app again after a report
     */
    Preparations(Participants participants, Publisher publisher, Consumer<Ticket> reported) {
        this.participants = participants;
        this.publisher = publisher;
        this.reported = reported;
    }

    // ---- one app ----

    /**
     * Brings the preparation of {@code e}, which could start now, as far as it goes: reads what
     * the participant at work reported, and asks the next participant concerned when one is done.
     * Prepares nothing when no participant is registered and none has begun.
     */
    Outcome prepare(Entry e) {
        Arrival a = e.preparation;
        if (a == null) {
            if (participants.isEmpty()) {
                return Outcome.START;
            }
            a = new Arrival();
            e.preparation = a;
        }
        Ticket revoked = a.revoked();
        if (revoked != null) { // revoked while the others were still at work: they start again after it
            a.done.remove(revoked);
            revoked.end(false);
            holdFor(a, revoked);
            if (a.current != null) {
                Ticket stopped = a.current;
                a.current = null;
                cancel(stopped, e.record);
            }
        }
        while (true) {
            Ticket t = a.current;
            if (t != null) {
                Ticket.Report r = t.read();
                switch (r.status()) {
                    case WORKING -> {
                        show(e, a, t, r);
                        return Outcome.PREPARING;
                    }
                    case DONE -> {
                        a.current = null;
                        a.done.add(t);
                        if (a.holdBy == t.participant.serviceId()) {
                            a.hold = null;
                            a.holdBy = -1;
                        }
                    }
                    case REVOKED -> { // done and revoked before the applier looked: it prepares again
                        a.current = null;
                        t.end(false);
                        holdFor(a, t);
                    }
                    case FAILED -> {
                        return fail(e, a, t, "participant " + t.participant.describe()
                                + " failed to prepare it: " + r.text());
                    }
                    case ENDED -> a.current = null;
                    default -> throw new IllegalStateException(r.status().name());
                }
                continue;
            }
            Participant next = null;
            for (Participant p : participants.inOrder()) {
                if (a.isDoneBy(p)) {
                    continue;
                }
                boolean[] concerned = new boolean[1];
                Throwable thrown = Hooks.run(() -> concerned[0] = p.service().concerns(e.record));
                if (thrown != null) {
                    Log.warn("participant " + p.describe() + " threw from concerns('" + e.label() + "')", thrown);
                    return fail(e, a, null, "participant " + p.describe() + " threw from concerns(): "
                            + Failures.describe(thrown));
                }
                if (concerned[0]) {
                    next = p;
                    break;
                }
            }
            if (next == null) {
                if (a.done.isEmpty()) {
                    e.preparation = null; // nobody took part: nobody to tell when it leaves
                }
                return Outcome.START;
            }
            if (a.hold != null) {
                publisher.setState(e, AppState.WAITING, a.hold);
            } else {
                publisher.setState(e, AppState.PREPARING, "being prepared by " + next.bundleName());
            }
            Ticket asked = new Ticket(e, next, e.record, reported);
            a.current = asked;
            publisher.flush(); // what happened so far is delivered while participant code runs
            Participant p = next;
            Throwable thrown = Hooks.run(() -> p.service().prepare(asked.app(), asked));
            if (thrown != null) {
                Log.warn("participant " + p.describe() + " threw from prepare('" + e.label() + "')", thrown);
                return fail(e, a, asked, "participant " + p.describe() + " threw from prepare(): "
                        + Failures.describe(thrown));
            }
            // the loop reads what it reported, if anything, before prepare returned
        }
    }

    /** Shows what the participant at work last said: its progress (PREPARING) or what it waits for (WAITING). */
    private void show(Entry e, Arrival a, Ticket t, Ticket.Report r) {
        if (r.waiting()) {
            publisher.setState(e, AppState.WAITING, r.text());
        } else if (r.text() != null) {
            publisher.setState(e, AppState.PREPARING, r.text());
        } else if (a.hold != null) {
            publisher.setState(e, AppState.WAITING, a.hold);
        } else {
            publisher.setState(e, AppState.PREPARING, "being prepared by " + t.participant.bundleName());
        }
    }

    /** After {@code t} revoked: the app is WAITING with its reason while it is prepared again. */
    private static void holdFor(Arrival a, Ticket t) {
        a.hold = t.read().text();
        a.holdBy = t.participant.serviceId();
    }

    /**
     * The preparation failed ({@code failing} is the ticket that failed or threw, or null): the
     * participants already done are cancelled, and the app is FAILED until its bundle is updated
     * or restarted.
     */
    private Outcome fail(Entry e, Arrival a, Ticket failing, String why) {
        e.preparation = null;
        if (failing != null) {
            failing.end(false);
        }
        if (a.current != null && a.current != failing) {
            cancel(a.current, e.record);
        }
        for (Ticket d : a.done) {
            cancel(d, e.record);
        }
        e.hookFailure = why + "; fix the app and update or restart its bundle to try again";
        e.failedInPreparation = true;
        publisher.setState(e, AppState.FAILED, e.hookFailure);
        return Outcome.FAILED;
    }

    /**
     * {@code e} was being prepared and can no longer start from this preparation (its bundle
     * stops, a requirement left, it was switched off, it leaves): every participant asked is
     * cancelled, at once; the caller then gives the app its new state without waiting for them.
     */
    void cancel(Entry e) {
        Arrival a = e.preparation;
        e.preparation = null;
        if (a.current != null) {
            cancel(a.current, e.record);
        }
        for (Ticket d : a.done) {
            cancel(d, e.record);
        }
    }

    private static void cancel(Ticket t, App app) {
        t.end(true); // first: a report from inside cancel() is ignored
        Participant p = t.participant;
        Throwable thrown = Hooks.run(() -> p.service().cancel(app, t));
        if (thrown != null) {
            Log.warn("participant " + p.describe() + " threw from cancel('" + app.label() + "'); ignored", thrown);
        }
    }

    /** Whether the READY app {@code e} must step down for a participant (one revoked, or one arrived). */
    boolean mustStepDown(Entry e) {
        Arrival a = e.preparation;
        return a != null && (a.stepDown != null || a.revoked() != null);
    }

    /** Why {@code e} steps down for a participant; see {@link #mustStepDown}. */
    String stepDownReason(Entry e) {
        Arrival a = e.preparation;
        Ticket revoked = a.revoked();
        return revoked != null ? revoked.read().text() : a.stepDown;
    }

    /**
     * The READY app {@code e} has stepped down (its stopping hook returned). When it did so for a
     * participant and could stay otherwise ({@code forParticipant}), the participants done keep
     * their preparation and only the one that revoked (or arrived) prepares it again; otherwise
     * every participant that prepared it is told it {@linkplain AppParticipant#left left}.
     */
    void steppedDown(Entry e, boolean forParticipant) {
        Arrival a = e.preparation;
        if (forParticipant && mustStepDown(e)) {
            Ticket revoked = a.revoked();
            if (revoked != null) {
                a.done.remove(revoked);
                revoked.end(false);
                holdFor(a, revoked);
            }
            a.stepDown = null;
            a.stepDownFor = -1;
            return;
        }
        e.preparation = null;
        for (Ticket d : a.done) {
            d.end(false);
            Participant p = d.participant;
            App app = e.record;
            Throwable thrown = Hooks.run(() -> p.service().left(app));
            if (thrown != null) {
                Log.warn("participant " + p.describe() + " threw from left('" + app.label() + "'); ignored", thrown);
            }
        }
    }

    /** Whether a report on {@code t} still matters: its app is being (or was) prepared with it. */
    static boolean isLive(Ticket t) {
        Arrival a = t.entry.preparation;
        return a != null && a.holds(t) && !t.entry.removed;
    }
}
