package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.tessera.core.AppState;

/**
 * The enables waiting for their app's preparation to come to an end (see
 * {@link Engine#enable}). Looked at after each applied batch; with nobody waiting, that costs a
 * list check. Used only by the engine's applier.
 */
final class EnableWatches {

    private record Watch(String label, CompletableFuture<String> outcome) {
    }

    private final Claims claims;
    private final List<Watch> watches = new ArrayList<>(1);

    EnableWatches(Claims claims) {
        this.claims = claims;
    }

    /**
     * Completes {@code outcome} once the app of {@code label} is no longer being prepared: with
     * {@code null} when the enable may be recorded (the app is READY, or its state is not the
     * participants' doing: no app of that label, its bundle is not running it, it waits for a
     * requirement...), or with the reason it may not (a participant failed the app, or waits for
     * something outside it).
     */
    void watch(String label, CompletableFuture<String> outcome) {
        watches.add(new Watch(label, outcome));
    }

    void check() {
        if (watches.isEmpty()) {
            return;
        }
        for (Iterator<Watch> it = watches.iterator(); it.hasNext();) {
            Watch w = it.next();
            Entry e = claims.leaderOfLabel(w.label());
            if (e != null && !e.removed && e.preparation != null && e.state == AppState.PREPARING) {
                continue; // a participant is at work: wait for its outcome
            }
            String refusal = null;
            if (e != null && !e.removed && e.preparation != null && e.state == AppState.WAITING) {
                refusal = "its preparation waits: " + e.reason;
            } else if (e != null && e.state == AppState.FAILED && e.failedInPreparation) {
                refusal = "its preparation failed: " + e.reason;
            }
            it.remove();
            w.outcome().complete(refusal);
        }
    }

    /** The registry stops: nobody's enable is recorded. */
    void abandon() {
        for (Watch w : watches) {
            w.outcome().complete("the registry stopped before the app was prepared");
        }
        watches.clear();
    }
}
