package io.tessera.registry.internal.engine;

import java.util.function.Consumer;

import io.tessera.core.App;
import io.tessera.core.spi.Preparation;

/**
 * One participant's preparation of one app: the {@link Preparation} handed to
 * {@link io.tessera.core.spi.AppParticipant#prepare}. A report only records what the participant
 * said, under this ticket's own monitor (held for a few field writes, never while anyone's code
 * runs), and asks the engine to look at the app again; the applier reads the ticket when it does.
 * So reports from any thread return at once, several reports before the applier looks count as
 * their last, and a report made inside {@code prepare} is seen as soon as {@code prepare} returns.
 */
final class Ticket implements Preparation {

    /** Where a ticket stands, as the participant reported it or the engine decided. */
    enum Status {
        /** Asked to prepare, no outcome yet: {@link #text} is its progress or, with {@link #waiting}, what it waits for. */
        WORKING,
        DONE,
        FAILED,
        /** Was DONE; {@link #text} says why what it prepared no longer holds. */
        REVOKED,
        /** Ended by the engine (cancelled, the app left, or the participant left): every later report is ignored. */
        ENDED
    }

    /** A consistent view of a ticket, as the applier reads it. */
    record Report(Status status, String text, boolean waiting) {
    }

    final Entry entry;
    final Participant participant;
    private final App app;
    private final Consumer<Ticket> reported;
    private Status status = Status.WORKING;
    private String text;
    private boolean waiting;
    private boolean cancelled;

    /**
     * @param reported called (after the monitor is released) with this ticket each time a report
     *        changed it: asks the engine to look at its app again
     */
    Ticket(Entry entry, Participant participant, App app, Consumer<Ticket> reported) {
        this.entry = entry;
        this.participant = participant;
        this.app = app;
        this.reported = reported;
    }

    @Override
    public App app() {
        return app;
    }

    @Override
    public void progress(String what) {
        record(Status.WORKING, Status.WORKING, what, false);
    }

    @Override
    public void waiting(String reason) {
        record(Status.WORKING, Status.WORKING, reason, true);
    }

    @Override
    public void done() {
        record(Status.WORKING, Status.DONE, null, false);
    }

    @Override
    public void failed(String reason) {
        record(Status.WORKING, Status.FAILED, reason, false);
    }

    @Override
    public void revoke(String reason) {
        record(Status.DONE, Status.REVOKED, reason, false);
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    private void record(Status from, Status to, String what, boolean waits) {
        synchronized (this) {
            if (status != from) {
                return; // ended, or a report that makes no sense now (done twice, revoke before done): ignored
            }
            status = to;
            text = what == null ? text : (what.isBlank() ? "(" + participant.bundleName() + " gave no reason)" : what);
            waiting = waits;
        }
        reported.accept(this);
    }

    /** What the participant last said. */
    synchronized Report read() {
        return new Report(status, text, waiting);
    }

    /** Ends the ticket: later reports are ignored; with {@code cancel}, {@link #isCancelled()} says so. */
    synchronized void end(boolean cancel) {
        status = Status.ENDED;
        cancelled |= cancel;
    }

    @Override
    public String toString() {
        return "preparation of '" + app.label() + "' by " + participant.describe();
    }
}
