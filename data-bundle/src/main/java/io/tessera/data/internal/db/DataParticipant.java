package io.tessera.data.internal.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.tessera.core.App;
import io.tessera.core.spi.AppParticipant;
import io.tessera.core.spi.Preparation;

/**
 * The data layer's part in apps' arrivals: an app with models becomes READY only while the
 * database is available and once its schema is applied ({@link AppSchema}, on a worker thread).
 * While the database is unavailable such apps wait with the database's reason ("database
 * unreachable at ..."); when it goes away, the READY ones are revoked (they step down and wait);
 * when it comes back, every waiting one is prepared again, by itself. Apps without models are not
 * its concern and stay READY whatever the database does.
 *
 * <p><b>Threads.</b> {@code prepare}, {@code cancel} and {@code left} come from the registry's
 * applier, the database's changes from the keeper's thread; both only move preparations between
 * three sets under this object's lock and report to them after letting go of it. Schema work runs on
 * {@code tessera-data-prepare-N} threads.
 */
public final class DataParticipant implements AppParticipant, Database.Listener {

    private final Database database;
    private final AppSchema schema;
    private final ExecutorService workers;

    /** Preparations that wait for the database. */
    private final Set<Preparation> waiting = new LinkedHashSet<>();
    /** Preparations whose schema work is running, with the database generation it runs on. */
    private final Map<Preparation, Long> working = new HashMap<>();
    /** Preparations reported done, with the database generation they were done on. */
    private final Map<Preparation, Long> done = new HashMap<>();

    public DataParticipant(Database database, AppSchema schema) {
        this.database = database;
        this.schema = schema;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tessera-data-prepare-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Listens to the database; call before registering this as a service. */
    public void open() {
        database.addListener(this);
    }

    /** Stops listening and lets running schema work finish on its own (it checks {@code isCancelled}). */
    public void close() {
        database.removeListener(this);
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean concerns(App app) {
        return !app.models().isEmpty();
    }

    @Override
    public void prepare(App app, Preparation preparation) {
        Database.Status s;
        synchronized (this) {
            s = database.status();
            if (s.availability() == Database.Availability.AVAILABLE) {
                working.put(preparation, s.generation());
            } else {
                waiting.add(preparation);
            }
        }
        if (s.availability() == Database.Availability.AVAILABLE) {
            start(preparation, s.generation());
        } else {
            preparation.waiting(s.reason());
        }
    }

    @Override
    public synchronized void cancel(App app, Preparation preparation) {
        waiting.remove(preparation);
        working.remove(preparation);
        done.remove(preparation);
    }

    @Override
    public synchronized void left(App app) {
        done.keySet().removeIf(p -> p.app().bundleId() == app.bundleId() && p.app().label().equals(app.label()));
    }

    @Override
    public void available(Database db, Database.Status status) {
        List<Preparation> resumed;
        synchronized (this) {
            resumed = new ArrayList<>(waiting);
            waiting.clear();
            resumed.forEach(p -> working.put(p, status.generation()));
        }
        resumed.forEach(p -> start(p, status.generation()));
    }

    @Override
    public void unavailable(Database db, Database.Status status) {
        List<Preparation> revoked;
        List<Preparation> stillWaiting;
        synchronized (this) {
            revoked = new ArrayList<>(done.keySet());
            done.clear(); // the registry prepares each again with a new preparation
            stillWaiting = new ArrayList<>(waiting);
        }
        revoked.forEach(p -> p.revoke(status.reason()));
        stillWaiting.forEach(p -> p.waiting(status.reason())); // the newer reason
    }

    private void start(Preparation preparation, long generation) {
        if (schema == AppSchema.NONE) {
            // nothing to apply: done at once, on the caller's thread, so that apps become READY in the
            // registry's order (dependencies first, then by label) rather than in the workers' order
            synchronized (this) {
                if (working.remove(preparation) == null) {
                    return;
                }
                done.put(preparation, generation);
            }
            preparation.done();
            return;
        }
        try {
            workers.execute(() -> run(preparation, generation));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the bundle is stopping: the registry forgets this participant's preparations
        }
    }

    /** Applies the schema on a worker, then reports done, or waits again if the database changed meanwhile. */
    private void run(Preparation preparation, long generation) {
        if (preparation.isCancelled()) {
            cancel(preparation.app(), preparation);
            return;
        }
        Exception failure = null;
        try {
            DataSource dataSource = database.dataSource();
            preparation.progress("preparing the tables of '" + preparation.app().label() + "' on " + database.description());
            schema.apply(preparation.app(), dataSource, database.dialect(), preparation);
        } catch (Exception e) {
            failure = e;
        }
        Database.Status now = database.status();
        boolean stale = now.availability() != Database.Availability.AVAILABLE || now.generation() != generation;
        synchronized (this) {
            if (working.remove(preparation) == null) {
                return; // cancelled meanwhile
            }
            if (stale) {
                waiting.add(preparation);
            } else if (failure == null) {
                done.put(preparation, generation);
            }
        }
        if (stale) {
            // the database went away or was switched while working: wait and prepare again on the new one
            preparation.waiting(now.availability() == Database.Availability.AVAILABLE ? "switched to "
                    + now.description() + " while preparing" : now.reason());
            if (now.availability() == Database.Availability.AVAILABLE) {
                available(database, now);
            }
        } else if (failure == null) {
            preparation.done();
        } else {
            preparation.failed("preparing the tables of '" + preparation.app().label() + "' on " + now.description()
                    + " failed: " + failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
        }
    }
}
