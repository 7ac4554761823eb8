package io.tessera.data.internal.schema;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;

/**
 * Cancels the statement running when a set is cancelled, so that a long step (an index on a big
 * table, an update of every row) stops at once instead of at its end: on PostgreSQL the statement
 * fails with "canceling statement due to user request" and the set rolls back. Looks every 50 ms,
 * on a daemon thread of its own that lives as long as the set; a statement the database cannot
 * interrupt (a Java function called from H2) runs to its end, and the set is undone after it.
 */
final class CancelWatch implements AutoCloseable {

    private final BooleanSupplier cancelled;
    private final Thread thread;
    private volatile Statement running;
    private volatile boolean fired;
    private volatile boolean closed;

    CancelWatch(String appLabel, BooleanSupplier cancelled) {
        this.cancelled = cancelled;
        this.thread = new Thread(this::watch, "tessera-migration-watch-" + appLabel);
        thread.setDaemon(true);
        thread.start();
    }

    /** The statement now running, or {@code null} between statements. */
    void running(Statement statement) {
        running = statement;
    }

    /** Whether a statement was cancelled because the set was. */
    boolean fired() {
        return fired;
    }

    private void watch() {
        while (!closed) {
            Statement s = running;
            if (s != null && cancelled.getAsBoolean()) {
                try {
                    fired = true;
                    s.cancel();
                } catch (SQLException e) {
                    // the statement ended meanwhile; the set checks again between steps
                }
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
