package io.tessera.registry.internal.engine;

import io.tessera.core.AppState;
import io.tessera.registry.internal.index.AppRecord;
import io.tessera.registry.internal.index.Candidate;

/** The engine's mutable bookkeeping for one candidate; touched only by the engine's applier. */
final class Entry {

    /** Replaced only when the app is renamed (its default name changed). */
    Candidate candidate;
    final long arrival;
    AppState state = AppState.INSTALLED;
    String reason = "";
    /**
     * Set when the ready hook threw or a participant failed the app's preparation; sticky until
     * the config is withdrawn and published again.
     */
    String hookFailure;
    /** Whether {@link #hookFailure} is a participant's (the app's preparation failed). */
    boolean failedInPreparation;
    /** How far the participants have prepared the app; {@code null} when none takes part (see {@link Preparations}). */
    Arrival preparation;
    boolean removed;
    AppRecord record;
    /** For a placeholder: why its bundle is not running the app (replaced as the bundle changes). */
    InactiveBundle inactive;

    Entry(Candidate candidate, long arrival) {
        this.candidate = candidate;
        this.arrival = arrival;
    }

    String label() {
        return candidate.label();
    }

    long id() {
        return candidate.id();
    }

    /** Whether this entry may hold its label, name and model classes at all. */
    boolean isSound() {
        return !removed && !candidate.placeholder() && candidate.error() == null && hookFailure == null;
    }

    @Override
    public String toString() {
        return label() + "#" + id() + " " + state;
    }
}
