package io.tessera.data.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.osgi.service.jdbc.DataSourceFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Keeps one pool open on the database the settings name, on a thread of its own
 * ({@code tessera-database}): connects, checks every {@link #HEALTH_CHECK} that the database still
 * answers, and when it does not (at start or later) reports it unavailable and tries again with a
 * backoff from {@link #FIRST_RETRY} doubling to at most {@link #LAST_RETRY}, for as long as it
 * takes. New settings are opened beside the pool in use, which is closed once listeners have been
 * told {@code unavailable} (the old one) then {@code available} (the new one); settings that are
 * refused leave the database in use alone. Everything that touches a pool runs on that one thread,
 * in order, so no lock is needed.
 */
public final class DatabaseKeeper {

    private static final Logger LOG = Logger.getLogger("io.tessera.data");
    static final Duration HEALTH_CHECK = Duration.ofSeconds(1);
    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    static final Duration LAST_RETRY = Duration.ofSeconds(4);
    /** How long after start a missing driver is taken for one still starting (noted, not warned about). */
    static final Duration DRIVER_GRACE = Duration.ofSeconds(5);

    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "tessera-database");
        t.setDaemon(true);
        return t;
    });
    private final Drivers drivers;
    private final Database database;

    // the keeper thread's own state
    private DatabaseSettings wanted;
    private DatabaseSettings openSettings;
    private HikariDataSource open;
    private ScheduledFuture<?> retry;
    private Duration nextDelay = FIRST_RETRY;
    private String lastLogged = "";
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private final long startedAt = System.nanoTime();

    public DatabaseKeeper(org.osgi.framework.BundleContext context, DatabaseSettings initial) {
        this.wanted = initial;
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // no retry after stop
        this.database = new Database(thread, initial);
        this.drivers = new Drivers(context, () -> {
            try {
                thread.execute(this::driversChanged);
            } catch (RejectedExecutionException stopped) {
                // the bundle is stopping: its pool is closed already
            }
        });
    }

    public Database database() {
        return database;
    }

    /** Starts tracking the drivers and connecting to the initial settings. */
    public void start() {
        drivers.open();
        thread.execute(() -> {
            try {
                driversChanged(); // connects, unless a driver's arrival did already
            } finally {
                firstAttempt.countDown();
            }
        });
        thread.scheduleWithFixedDelay(this::checkHealth, HEALTH_CHECK.toMillis(), HEALTH_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until the first attempt to connect has succeeded or failed, at most {@code limit}: so
     * that apps arriving as the runtime starts find the database available rather than wait for it.
     */
    public void awaitFirstAttempt(Duration limit) {
        try {
            firstAttempt.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Uses {@code settings} from now on: the database in use is switched when they differ. */
    public void configure(DatabaseSettings settings) {
        thread.execute(() -> {
            database.settingsProblem("");
            if (settings.sameAs(wanted) && (open != null || retry != null)) {
                return; // the same file delivered again
            }
            wanted = settings;
            nextDelay = FIRST_RETRY;
            connect();
        });
    }

    /** A configuration that was refused: said once, kept in the status; the database in use stays. */
    public void refused(String problem) {
        thread.execute(() -> {
            LOG.warning(problem + "; the database in use stays (" + database.description() + ")");
            database.settingsProblem(problem);
        });
    }

    /** Closes the pool; listeners are not told (the bundle is stopping). */
    public void stop() {
        thread.execute(() -> {
            closePool(open);
            open = null;
        });
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drivers.close(); // after the thread: the drivers leaving must not be taken for a lost database
    }

    private void driversChanged() {
        if (open != null && drivers.factory(openSettings.dialect()) == null) {
            lost(Drivers.missing(openSettings.dialect(), openSettings));
        } else if (open == null || !openSettings.sameAs(wanted)) {
            connect();
        }
    }

    /** Tries {@link #wanted} now; on success it becomes the database in use, else a retry is scheduled. */
    private void connect() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        DatabaseSettings settings = wanted;
        HikariDataSource next;
        try {
            next = openPool(settings);
        } catch (Unavailable e) {
            if (open != null) { // switching to a database that does not answer: the old one steps down first
                database.unavailable(openSettings, "switching from " + openSettings.description() + " to "
                        + settings.description());
                closePool(open);
                open = null;
            }
            database.unavailable(settings, e.reason);
            // a driver missing just after start is most likely still starting: said only if it stays missing
            boolean early = e.noDriver && System.nanoTime() - startedAt < DRIVER_GRACE.toNanos();
            logOnce(early ? Level.INFO : Level.WARNING, e.reason + "; trying again until it answers");
            scheduleRetry();
            return;
        }
        HikariDataSource old = open;
        DatabaseSettings oldSettings = openSettings;
        if (old != null) {
            database.unavailable(oldSettings, "switching from " + oldSettings.description() + " to " + settings.description());
        }
        open = next;
        openSettings = settings;
        nextDelay = FIRST_RETRY;
        database.available(next, settings);
        closePool(old);
        logOnce(Level.INFO, "database in use: " + settings.description() + " (" + settings.dialect() + ", user '"
                + settings.user() + "', " + settings.where() + ")");
    }

    private HikariDataSource openPool(DatabaseSettings settings) throws Unavailable {
        DataSourceFactory factory = drivers.factory(settings.dialect());
        if (factory == null) {
            throw new Unavailable(Drivers.missing(settings.dialect(), settings), true);
        }
        String password;
        try {
            password = settings.password();
        } catch (DatabaseSettings.BadSettings e) {
            throw new Unavailable("database unavailable at " + settings.description() + ": " + e.getMessage());
        }
        DataSource login;
        try {
            Properties p = new Properties();
            p.setProperty(DataSourceFactory.JDBC_URL, connectUrl(settings));
            login = new LoginDataSource(factory.createDataSource(p), settings);
            try (Connection probe = login.getConnection()) {
                if (!probe.isValid(2)) {
                    throw new SQLException("the connection did not answer within 2 s", "08006");
                }
            }
        } catch (SQLException | RuntimeException | LinkageError e) {
            throw new Unavailable(FailureReasons.of(settings, e, password));
        }
        try {
            return new HikariDataSource(poolConfig(login));
        } catch (RuntimeException | LinkageError e) { // HikariCP or its logging not wired as it must be
            throw new Unavailable("database unavailable at " + settings.description() + ": the pool (HikariCP) cannot"
                    + " start: " + e + "; check that com.zaxxer.HikariCP and slf4j-api 1.7 are active (lb)");
        }
    }

    private static HikariConfig poolConfig(DataSource login) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(login);
        config.setPoolName("tessera-data");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(3000);
        config.setValidationTimeout(1000);
        config.setInitializationFailTimeout(-1); // the probe has connected; the pool fills in the background
        return config;
    }

    /**
     * Whether the pool in use still gives a working connection; if not, a new connection made
     * outside the pool says why (a pooled connection cut by a server that stopped only says it is
     * closed), and the pool is let go and retried, unless that new connection works (the server
     * came back at once: the pool replaces its broken connections by itself).
     */
    private void checkHealth() {
        if (open == null) {
            return;
        }
        try (Connection c = open.getConnection()) {
            if (c.isValid(2)) {
                return;
            }
        } catch (SQLException | RuntimeException | LinkageError e) {
            // asked again below, on a connection of its own
        }
        try (Connection probe = open.getDataSource().getConnection()) {
            if (!probe.isValid(2)) {
                throw new SQLException("the connection did not answer within 2 s", "08006");
            }
        } catch (SQLException | RuntimeException | LinkageError e) {
            String password;
            try {
                password = openSettings.password();
            } catch (DatabaseSettings.BadSettings unreadable) {
                password = null;
            }
            lost(FailureReasons.of(openSettings, e, password));
        }
    }

    private void lost(String reason) {
        HikariDataSource old = open;
        open = null;
        database.unavailable(openSettings, reason);
        closePool(old);
        logOnce(Level.WARNING, reason + "; trying again until it answers");
        nextDelay = FIRST_RETRY;
        scheduleRetry();
    }

    private void scheduleRetry() {
        if (thread.isShutdown()) {
            return;
        }
        retry = thread.schedule(this::connect, nextDelay.toMillis(), TimeUnit.MILLISECONDS);
        nextDelay = nextDelay.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : nextDelay.multipliedBy(2);
    }

    private void closePool(HikariDataSource pool) {
        if (pool != null) {
            try {
                pool.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the pool of " + database.description() + " failed: " + e, e);
            }
        }
    }

    /** The same line is not repeated on every retry. */
    private void logOnce(Level level, String message) {
        if (!(level + message).equals(lastLogged)) {
            lastLogged = level + message;
            LOG.log(level, message);
        }
    }

    /** Why a pool could not be opened: the operator's reason. */
    private static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;
        final String reason;
        final boolean noDriver;

        Unavailable(String reason) {
            this(reason, false);
        }

        Unavailable(String reason, boolean noDriver) {
            super(reason, null, false, false);
            this.reason = reason;
            this.noDriver = noDriver;
        }
    }

    /**
     * The URL the driver is given: the default embedded H2 writes each commit to its file at once
     * ({@code WRITE_DELAY=0}; H2's 500 ms default lost the last half-second of commits on
     * {@code kill -9}, and nothing an app stored may be lost by that). A configured URL is given as it is.
     */
    static String connectUrl(DatabaseSettings settings) {
        return settings.byDefault() && settings.dialect() == io.tessera.data.internal.Dialect.H2
                && !settings.url().toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")
                ? settings.url() + ";WRITE_DELAY=0" : settings.url();
    }
}
