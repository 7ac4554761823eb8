package io.tessera.data.internal.db;

import static org.junit.Assert.assertEquals;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.Test;

/** The operator's line for each kind of failure, as PostgreSQL's driver, H2 and HikariCP report them. */
public class FailureReasonsTest {

    private static final DatabaseSettings PG = new DatabaseSettings("jdbc:postgresql://127.0.0.1:5433/app", "app", "hunter2",
            null, "etc/io.tessera.data.cfg", false);

    @Test
    public void refusedConnectionsAndUnknownHostsAreUnreachable() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5433 refused. Check that the hostname and port"
                + " are correct and that the postmaster is accepting TCP/IP connections.", "08001",
                new ConnectException("Connection refused"));
        assertEquals("database unreachable at jdbc:postgresql://127.0.0.1:5433/app: Connection refused; start the server"
                + " or fix url in etc/io.tessera.data.cfg", FailureReasons.of(PG, refused, "hunter2"));
        // as the pool wraps it once it is running
        assertEquals("database unreachable at jdbc:postgresql://127.0.0.1:5433/app: Connection refused; start the server"
                + " or fix url in etc/io.tessera.data.cfg", FailureReasons.of(PG,
                new SQLTransientConnectionException("tessera-data - Connection is not available", "08001", refused), "hunter2"));
        assertEquals("database unreachable at jdbc:postgresql://127.0.0.1:5433/app: unknown host db.invalid; start the"
                + " server or fix url in etc/io.tessera.data.cfg", FailureReasons.of(PG,
                new SQLException("The connection attempt failed.", "08001", new UnknownHostException("db.invalid")), null));
    }

    @Test
    public void authenticationFailuresAreWrongCredentialsWithoutThePassword() {
        assertEquals("wrong credentials for user 'app' at jdbc:postgresql://127.0.0.1:5433/app: password authentication"
                + " failed for user \"app\"; fix user/password in etc/io.tessera.data.cfg", FailureReasons.of(PG,
                new SQLException("FATAL: password authentication failed for user \"app\"", "28P01"), "hunter2"));
        DatabaseSettings fromFile = new DatabaseSettings(PG.url(), "app", null, Path.of("/h/etc/db.password"), PG.where(), false);
        assertEquals("wrong credentials for user 'app' at jdbc:postgresql://127.0.0.1:5433/app: Wrong user name or"
                + " password; fix user/password in etc/io.tessera.data.cfg (the password is read from /h/etc/db.password)",
                FailureReasons.of(fromFile, new SQLException("Wrong user name or password [28000-232]", "28000"), "x"));
        // a driver that did echo the password would still not show it
        assertEquals("wrong credentials for user 'app' at jdbc:postgresql://127.0.0.1:5433/app: bad password ****;"
                + " fix user/password in etc/io.tessera.data.cfg",
                FailureReasons.of(PG, new SQLException("bad password hunter2", "28P01"), "hunter2"));
    }

    @Test
    public void otherFailuresNameTheDatabaseAndWhatToCheck() {
        assertEquals("no such database at jdbc:postgresql://127.0.0.1:5433/app: database \"app\" does not exist; create it"
                + " or fix url in etc/io.tessera.data.cfg", FailureReasons.of(PG,
                new SQLException("FATAL: database \"app\" does not exist", "3D000"), null));
        DatabaseSettings h2 = DatabaseSettings.h2Default(Path.of("/h/data/db"));
        assertEquals("database unavailable at jdbc:h2:file:/h/data/db/tessera: Database may be already in use; check that"
                + " the home's data/db folder is writable and that no other process uses the database",
                FailureReasons.of(h2, new SQLException("Database may be already in use [90020-232]", "90020"), ""));
    }
}
