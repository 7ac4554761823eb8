package io.tessera.data.internal.access;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.tessera.data.DataException;

/**
 * The transactions on one {@link DataSource}, bound to threads as Django's {@code atomic} is: the
 * outermost {@link #run} borrows a connection, turns auto-commit off and commits or rolls back;
 * a nested call on the same thread joins it. Statements outside a transaction borrow a connection
 * each ({@link #lease}). Shared by the data handles of every app on that data source, so that a
 * transaction spans the apps a thread touches. Thread-safe.
 */
final class Transactions {

    /** The work of a transaction; any exception rolls it back. */
    interface Body<R> {
        R run() throws Exception;
    }

    /** The calling thread's transaction. */
    private static final class Current {
        final Connection connection;
        Throwable failedInside; // a nested call that threw: the whole transaction rolls back

        Current(Connection connection) {
            this.connection = connection;
        }
    }

    /** A connection for one statement: the transaction's (kept open) or a borrowed one (closed by {@link #close}). */
    static final class Lease implements AutoCloseable {
        final Connection connection;
        private final boolean borrowed;

        Lease(Connection connection, boolean borrowed) {
            this.connection = connection;
            this.borrowed = borrowed;
        }

        @Override
        public void close() throws SQLException {
            if (borrowed) {
                connection.close();
            }
        }
    }

    private final DataSource dataSource;
    private final ThreadLocal<Current> current = new ThreadLocal<>();

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The calling thread's transaction connection, or a connection borrowed from the pool. */
    Lease lease() throws SQLException {
        Current c = current.get();
        return c != null ? new Lease(c.connection, false) : new Lease(dataSource.getConnection(), true);
    }

    boolean inTransaction() {
        return current.get() != null;
    }

    /**
     * Runs {@code body} in the thread's transaction, beginning one if there is none.
     *
     * @throws DataException wrapping a checked exception of {@code body}, or when the commit or
     *         rollback fails, or when a nested call failed and the outer code went on
     */
    <R> R run(Body<R> body) {
        Current outer = current.get();
        if (outer != null) {
            try {
                return body.run();
            } catch (Throwable t) {
                outer.failedInside = t;
                throw unchecked(t);
            }
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            DataException failure = new DataException("cannot begin a transaction: " + e.getMessage(), e);
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException closing) {
                    failure.addSuppressed(closing);
                }
            }
            throw failure;
        }
        Current tx = new Current(connection);
        current.set(tx);
        try {
            R result;
            try {
                result = body.run();
            } catch (Throwable t) {
                rollback(connection, t);
                throw unchecked(t);
            }
            if (tx.failedInside != null) {
                DataException e = new DataException("the transaction was rolled back: a nested transaction failed with "
                        + tx.failedInside + ", and the code around it went on as if it had not; let the exception"
                        + " through, or catch it outside inTransaction", tx.failedInside);
                rollback(connection, e);
                throw e;
            }
            try {
                connection.commit();
            } catch (SQLException e) {
                DataException failure = new DataException("the transaction could not be committed: " + e.getMessage(), e);
                rollback(connection, failure);
                throw failure;
            }
            return result;
        } finally {
            current.remove();
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the pool resets or discards a connection it cannot reset
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // returned to the pool as well as it can be; nothing else to do
            }
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new DataException("the transaction failed and was rolled back: " + t, t);
    }
}
