package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.tessera.core.AppState;

/**
 * The registered participants, in the order they are asked (see {@link Participant#ORDER}), and
 * what one arriving or leaving does to the apps: an arriving one marks the READY apps it
 * concerns to step down for it; a leaving one is taken out of every app's {@link Arrival}. Used
 * only by the engine's applier.
 */
final class Participants {

    private final List<Participant> list = new ArrayList<>();

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** The participants in the order they are asked; not to be changed. */
    List<Participant> inOrder() {
        return list;
    }

    /**
     * Adds {@code p}; each READY app it concerns is marked to step down and be prepared by it.
     * Returns the apps so marked, for the caller to look at.
     */
    List<Entry> add(Participant p, Collection<Entry> entries) {
        int at = 0;
        while (at < list.size() && Participant.ORDER.compare(list.get(at), p) < 0) {
            at++;
        }
        list.add(at, p);
        List<Entry> marked = new ArrayList<>();
        for (Entry e : entries) {
            if (e.state == AppState.READY && !e.removed && concernsOrThrows(p, e)) {
                Arrival a = e.preparation == null ? new Arrival() : e.preparation;
                e.preparation = a;
                a.stepDown = "participant " + p.bundleName() + " arrived: the app steps down until " + p.bundleName()
                        + " has prepared it";
                a.stepDownFor = p.serviceId();
                marked.add(e);
            }
        }
        return marked;
    }

    /**
     * Forgets the participant with this service id: its preparations under way count as cancelled
     * (it is not called: it is gone), and the apps it was preparing go on with the others.
     * Returns the apps to look at again.
     */
    List<Entry> remove(long serviceId, Collection<Entry> entries) {
        list.removeIf(p -> p.serviceId() == serviceId);
        List<Entry> touched = new ArrayList<>();
        for (Entry e : entries) {
            Arrival a = e.preparation;
            if (a == null) {
                continue;
            }
            boolean changed = a.done.removeIf(t -> {
                if (t.participant.serviceId() == serviceId) {
                    t.end(true);
                    return true;
                }
                return false;
            });
            if (a.current != null && a.current.participant.serviceId() == serviceId) {
                a.current.end(true);
                a.current = null;
                changed = true;
            }
            if (a.holdBy == serviceId) {
                a.hold = null;
                a.holdBy = -1;
            }
            if (a.stepDownFor == serviceId) { // arrived and left before the app stepped down for it
                a.stepDown = null;
                a.stepDownFor = -1;
            }
            if (changed) {
                touched.add(e);
            }
        }
        return touched;
    }

    /** Whether {@code p} concerns {@code e}; a participant that throws there is asked (and its throw fails the app then). */
    private static boolean concernsOrThrows(Participant p, Entry e) {
        boolean[] concerned = {true};
        Hooks.run(() -> concerned[0] = p.service().concerns(e.record));
        return concerned[0];
    }

}
