package io.tessera.data.internal.db;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.tessera.data.internal.Dialect;

/**
 * The one database the data layer uses, as the rest of the bundle sees it: its pooled
 * {@link DataSource} and {@link Dialect} while it is available, a description for messages (the
 * URL without secrets), and its availability, told to {@link Listener listeners}. Which database
 * it is and whether it answers is decided by the {@link DatabaseKeeper}; when the configuration
 * changes, listeners are told {@code unavailable} (the old one) then {@code available} (the new one),
 * and the old pool is closed after that.
 *
 * <p><b>Threads.</b> The getters may be called from any thread and read one immutable
 * {@link Status}. Listeners are called one at a time, in the order of the changes, on the keeper's
 * thread, with no lock held; a listener must return quickly (do long work on threads of its own).
 */
public final class Database {

    private static final Logger LOG = Logger.getLogger("io.tessera.data");

    /** Whether the database answers. */
    public enum Availability {
        /** Not tried yet (the bundle is starting). */
        STARTING,
        /** Connected: {@link #dataSource()} gives connections. */
        AVAILABLE,
        /** Cannot be used now; {@link Status#reason()} says why and what to do; retried by itself. */
        UNAVAILABLE
    }

    /**
     * One moment's view of the database.
     *
     * @param availability whether it answers
     * @param description the URL in use or being tried, without secrets
     * @param dialect the kind of database
     * @param user the user logged in as
     * @param where what chose it: the configuration file, or the default
     * @param reason why it is unavailable, or {@code ""}
     * @param settingsProblem the last configuration that was refused (the previous one stays in use), or {@code ""}
     * @param since when the availability last changed
     * @param generation counts the times it became available: work begun on one generation is stale on another
     */
    public record Status(Availability availability, String description, Dialect dialect, String user, String where,
            String reason, String settingsProblem, Instant since, long generation) {
    }

    /** Told of every change of availability; called on the keeper's thread, one call at a time. */
    public interface Listener {
        /** The database answers: {@link Database#dataSource()} is the pool of {@code status.description()}. */
        void available(Database database, Status status);

        /** The database stopped answering, or is being switched for another; {@code reason} says why. */
        void unavailable(Database database, Status status);
    }

    private final Executor keeperThread;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Status status;
    private volatile DataSource pool;

    Database(Executor keeperThread, DatabaseSettings initial) {
        this.keeperThread = keeperThread;
        this.status = new Status(Availability.STARTING, initial.description(), initial.dialect(), initial.user(),
                initial.where(), "connecting to " + initial.description(), "", Instant.now(), 0);
    }

    /** The state now. */
    public Status status() {
        return status;
    }

    public boolean isAvailable() {
        return status.availability() == Availability.AVAILABLE;
    }

    /** The dialect of the database in use (or being tried). */
    public Dialect dialect() {
        return status.dialect();
    }

    /** "jdbc:postgresql://127.0.0.1:5433/app": the URL without secrets. */
    public String description() {
        return status.description();
    }

    /**
     * The pool of the database in use. A pool taken before a switch is closed after the switch:
     * take it again after each {@link Listener#available}.
     *
     * @throws IllegalStateException naming the reason when the database is unavailable
     */
    public DataSource dataSource() {
        DataSource p = pool;
        if (p == null || !isAvailable()) {
            throw new IllegalStateException(status.reason());
        }
        return p;
    }

    /**
     * Adds a listener, told at once (on the keeper's thread) of the availability now, then of every
     * change.
     */
    public void addListener(Listener listener) {
        keeperThread.execute(() -> {
            listeners.add(listener);
            Status s = status;
            if (s.availability() == Availability.AVAILABLE) {
                tell(listener, s, true);
            } else if (s.availability() == Availability.UNAVAILABLE) {
                tell(listener, s, false);
            }
        });
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    // the keeper's side, on its thread

    void available(DataSource newPool, DatabaseSettings settings) {
        pool = newPool;
        Status s = status;
        status = new Status(Availability.AVAILABLE, settings.description(), settings.dialect(), settings.user(),
                settings.where(), "", s.settingsProblem(), Instant.now(), s.generation() + 1);
        tellAll(true);
    }

    /** Unavailable with {@code reason}; listeners are told when the availability or the reason changed. */
    void unavailable(DatabaseSettings settings, String reason) {
        pool = null;
        Status s = status;
        if (s.availability() == Availability.UNAVAILABLE && s.reason().equals(reason)) {
            return;
        }
        status = new Status(Availability.UNAVAILABLE, settings.description(), settings.dialect(), settings.user(),
                settings.where(), reason, s.settingsProblem(), Instant.now(), s.generation());
        tellAll(false);
    }

    /** A refused configuration, kept in the status until a good one arrives ({@code ""}). */
    void settingsProblem(String problem) {
        Status s = status;
        status = new Status(s.availability(), s.description(), s.dialect(), s.user(), s.where(), s.reason(), problem,
                s.since(), s.generation());
    }

    private void tellAll(boolean available) {
        Status s = status;
        for (Listener l : listeners) {
            tell(l, s, available);
        }
    }

    private void tell(Listener l, Status s, boolean available) {
        try {
            if (available) {
                l.available(this, s);
            } else {
                l.unavailable(this, s);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a listener of the database threw " + e, e);
        }
    }
}
