package io.tessera.data.internal.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.After;
import org.junit.Test;

import io.tessera.core.App;
import io.tessera.core.Model;
import io.tessera.core.spi.Preparation;

/**
 * The participant's bookkeeping against the database's changes, told in the order the keeper
 * tells them (here on the test's thread): apps with models wait while it is unavailable, are done
 * once it is available, revoked when it goes, and prepared again on a database that changed while
 * their schema was being applied.
 */
public class DataParticipantTest {

    private final DatabaseSettings settings = DatabaseSettings.h2Default(Path.of("/nowhere"));
    private final Database database = new Database(Runnable::run, settings);
    private final JdbcDataSource pool = new JdbcDataSource();
    private DataParticipant participant;

    {
        pool.setURL("jdbc:h2:mem:participant");
    }

    @After
    public void close() {
        if (participant != null) {
            participant.close();
        }
    }

    private DataParticipant participant(AppSchema schema) {
        participant = new DataParticipant(database, schema);
        participant.open();
        return participant;
    }

    static App app(String label, boolean withModels) {
        Model model = Model.describe(label, Row.class);
        return (App) Proxy.newProxyInstance(App.class.getClassLoader(), new Class<?>[] {App.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "label" -> label;
                    case "bundleId" -> 7L;
                    case "models" -> withModels ? List.of(model) : List.of();
                    case "toString" -> "app " + label;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    /** A model's class. */
    public record Row(long id, String name) {
    }

    /** Records what the participant reported; {@link #await} waits for a report with a deadline. */
    static final class Recorded implements Preparation {
        final App app;
        final List<String> reports = new ArrayList<>();
        volatile boolean cancelled;
        private CountDownLatch next = new CountDownLatch(1);

        Recorded(App app) {
            this.app = app;
        }

        private synchronized void add(String report) {
            reports.add(report);
            next.countDown();
        }

        synchronized List<String> reports() {
            return List.copyOf(reports);
        }

        /** Waits until {@code count} reports have been made. */
        void await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reports().size() < count) {
                CountDownLatch latch;
                synchronized (this) {
                    latch = next = reports.size() < count ? new CountDownLatch(1) : next;
                }
                if (reports().size() < count) {
                    assertTrue("no report " + count + " within 10 s: " + reports(),
                            latch.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                }
            }
        }

        @Override
        public App app() {
            return app;
        }

        @Override
        public void progress(String what) {
        }

        @Override
        public void waiting(String reason) {
            add("waiting: " + reason);
        }

        @Override
        public void done() {
            add("done");
        }

        @Override
        public void failed(String reason) {
            add("failed: " + reason);
        }

        @Override
        public void revoke(String reason) {
            add("revoke: " + reason);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    @Test
    public void onlyAppsWithModelsConcernIt() {
        DataParticipant p = participant(AppSchema.NONE);
        assertTrue(p.concerns(app("blog", true)));
        assertFalse(p.concerns(app("plain", false)));
    }

    @Test
    public void appsWaitWhileTheDatabaseIsUnavailableAndAreRevokedWhenItGoes() throws Exception {
        DataParticipant p = participant(AppSchema.NONE);
        database.unavailable(settings, "database unreachable at X: Connection refused; start the server");
        Recorded blog = new Recorded(app("blog", true));
        p.prepare(blog.app, blog);
        assertEquals(List.of("waiting: database unreachable at X: Connection refused; start the server"), blog.reports());
        database.available(pool, settings);
        blog.await(2);
        assertEquals("done", blog.reports().get(1));
        database.unavailable(settings, "database unreachable at X: gone");
        assertEquals("revoke: database unreachable at X: gone", blog.reports().get(2));
        // prepared again by the registry: waits, then done when it is back
        Recorded again = new Recorded(blog.app);
        p.prepare(again.app, again);
        database.available(pool, settings);
        again.await(2);
        assertEquals(List.of("waiting: database unreachable at X: gone", "done"), again.reports());
        assertEquals(3, blog.reports().size()); // a revoked preparation is told nothing more
    }

    @Test
    public void aCancelledPreparationIsNotResumedAndAFailingSchemaFailsTheApp() throws Exception {
        DataParticipant p = participant((app, ds, dialect, preparation) -> {
            throw new SQLException("Syntax error in SQL statement");
        });
        database.unavailable(settings, "down");
        Recorded cancelled = new Recorded(app("gone", true));
        p.prepare(cancelled.app, cancelled);
        p.cancel(cancelled.app, cancelled);
        Recorded failing = new Recorded(app("broken", true));
        p.prepare(failing.app, failing);
        database.available(pool, settings);
        failing.await(2);
        assertEquals("failed: preparing the tables of 'broken' on jdbc:h2:file:/nowhere/tessera failed: SQLException:"
                + " Syntax error in SQL statement", failing.reports().get(1));
        assertEquals(List.of("waiting: down"), cancelled.reports());
    }

    @Test
    public void aDatabaseSwitchedWhileTheSchemaIsAppliedIsPreparedAgainOnTheNewOne() throws Exception {
        CountDownLatch applying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> generations = new ArrayList<>();
        DataParticipant p = participant((app, ds, dialect, preparation) -> {
            synchronized (generations) {
                generations.add(database.status().generation());
            }
            applying.countDown();
            release.await(10, TimeUnit.SECONDS);
        });
        database.available(pool, settings);
        Recorded blog = new Recorded(app("blog", true));
        p.prepare(blog.app, blog);
        assertTrue(applying.await(10, TimeUnit.SECONDS));
        database.unavailable(settings, "switching from A to B");
        database.available(pool, settings);
        release.countDown();
        blog.await(2);
        assertEquals(List.of("waiting: switched to jdbc:h2:file:/nowhere/tessera while preparing", "done"), blog.reports());
        synchronized (generations) {
            assertEquals(List.of(1L, 2L), generations);
        }
    }
}
