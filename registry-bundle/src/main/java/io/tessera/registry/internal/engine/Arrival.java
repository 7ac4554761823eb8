package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * How far the participants have prepared one app: from the first {@code prepare} until the
 * preparation is cancelled or the app, having been READY, has left. Touched only by the engine's
 * applier, through {@link Preparations}; an app no participant takes part in never has one.
 */
final class Arrival {

    /** The participants that are done, in the order they finished. */
    final List<Ticket> done = new ArrayList<>(2);
    /** The preparation under way, or {@code null} between two participants. */
    Ticket current;
    /** Why the READY app must step down though it could stay (a participant arrived), or {@code null}. */
    String stepDown;
    /** The participant {@link #stepDown} is for. */
    long stepDownFor = -1;
    /**
     * What a participant revoked: shown, as WAITING, while the app is prepared again, until that
     * participant ({@link #holdBy}) reports anything; or {@code null}.
     */
    String hold;
    long holdBy = -1;

    boolean isDoneBy(Participant p) {
        for (Ticket t : done) {
            if (t.participant.serviceId() == p.serviceId()) {
                return true;
            }
        }
        return false;
    }

    /** The first of the done preparations that a participant has revoked since, or {@code null}. */
    Ticket revoked() {
        for (Ticket t : done) {
            if (t.read().status() == Ticket.Status.REVOKED) {
                return t;
            }
        }
        return null;
    }

    /** Whether this arrival is the one {@code t} belongs to, current or done. */
    boolean holds(Ticket t) {
        return current == t || done.contains(t);
    }
}
