package io.tessera.registry.internal.engine;

import io.tessera.core.AppState;

/** What an app's state should be now, and why: READY means it may become READY. */
record Verdict(AppState state, String reason, boolean inCycle) {

    static final Verdict ELIGIBLE = new Verdict(AppState.READY, "", false);

    static Verdict waiting(String reason) {
        return new Verdict(AppState.WAITING, reason, false);
    }

    static Verdict failed(String reason) {
        return new Verdict(AppState.FAILED, reason, false);
    }

    static Verdict cycle(String reason) {
        return new Verdict(AppState.FAILED, reason, true);
    }

    boolean eligible() {
        return state == AppState.READY;
    }
}
