package io.tessera.registry.internal.engine;

import io.tessera.core.AppEvent;
import io.tessera.core.AppState;
import io.tessera.registry.internal.index.AppIndex;
import io.tessera.registry.internal.index.AppRecord;

/**
 * Shows the engine's changes to readers and listeners: each new state of an app, each app that
 * leaves and each rename becomes its index update and (but for a rename, which is no change of
 * state) its event, numbered in the order they happen ({@link AppEvent#sequence()}). The engine
 * writes the index and sends events only through here. Used only by the engine's applier,
 * through the {@link Reconciler}.
 */
final class Publisher {

    private final AppIndex index;
    private final EventSink events;
    private final Claims claims;
    private long sequence;
    /** How many apps are PREPARING; written by the applier only, read by anyone. */
    private volatile int preparing;

    Publisher(AppIndex index, EventSink events, Claims claims) {
        this.index = index;
        this.events = events;
        this.claims = claims;
    }

    /** Records and publishes a new state; {@code false} if nothing changed. */
    boolean setState(Entry e, AppState state, String reason) {
        if (e.record != null && e.state == state && e.reason.equals(reason)) {
            return false;
        }
        AppState previous = e.record == null ? null : e.state;
        if (previous == AppState.PREPARING || state == AppState.PREPARING) {
            preparing += (state == AppState.PREPARING ? 1 : 0) - (previous == AppState.PREPARING ? 1 : 0);
        }
        e.state = state;
        e.reason = reason;
        AppRecord record = new AppRecord(e.candidate, state, reason);
        e.record = record;
        AppEvent.Type type = previous == null ? AppEvent.Type.INSTALLED : AppEvent.typeOf(state);
        events.publish(new AppEvent(type, record, previous, ++sequence), () -> {
            if (state == AppState.READY) {
                index.publishModels(e.candidate);
                index.extensions().publish(e.candidate);
            }
            index.put(record, claims.leaderOfLabel(e.label()) == e && e.candidate.labelKnown());
            if (previous == AppState.READY) {
                index.withdrawModels(e.candidate);
                index.extensions().withdraw(e.candidate); // before stopping() runs: gone from the view
            }
            index.changed();
        });
        return true;
    }

    /**
     * Publishes that {@code e}, whose claims are withdrawn, left; the label goes to its next
     * leader. With {@code keepLabel}, lookups by the label keep finding {@code e} until the app
     * that replaces it in this batch is published.
     */
    void left(Entry e, boolean keepLabel) {
        if (e.state == AppState.PREPARING) {
            preparing--;
        }
        events.publish(new AppEvent(AppEvent.Type.REMOVED, e.record, e.state, ++sequence), () -> {
            index.remove(e.record, keepLabel);
            refreshLeader(e.label());
            index.changed();
        });
    }

    /**
     * Publishes that placeholder {@code p} left because its bundle's app arrives (nothing if it
     * was never published); with {@code keepLabel}, lookups by its label find it until that app does.
     */
    void placeholderLeft(Entry p, boolean keepLabel) {
        if (p.record != null) {
            events.publish(new AppEvent(AppEvent.Type.REMOVED, p.record, p.state, ++sequence), () -> {
                index.remove(p.record, keepLabel);
                index.changed();
            });
        }
    }

    /**
     * Replaces the record of {@code e}, renamed from {@code oldName}, without an event: the name is
     * not part of an app's state.
     */
    void renamed(Entry e, String oldName) {
        e.record = new AppRecord(e.candidate, e.state, e.reason); // an entry has a record from its arrival on
        index.put(e.record, claims.leaderOfLabel(e.label()) == e);
        index.forgetName(oldName, e.id());
        index.changed();
    }

    /** Makes lookups by {@code label} find its leader now (another app gave it up, or failed). */
    void refreshLeader(String label) {
        Entry leader = claims.leaderOfLabel(label);
        if (leader != null && leader.record != null && leader.candidate.labelKnown()) {
            index.put(leader.record, true);
        }
    }

    /** How many apps are PREPARING now: a participant is at work on them. */
    int preparing() {
        return preparing;
    }

    /** Starts delivering what was published: before app code runs, and once per applied batch. */
    void flush() {
        events.flush();
    }
}
