package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.tessera.core.App;
import io.tessera.core.AppState;

/**
 * The data layer on a real PostgreSQL server (started by the test JVM: {@link TestPostgres}),
 * chosen by a real {@code etc/io.tessera.data.cfg} that FileInstall hands to ConfigAdmin: the
 * password from a file; wrong credentials, said with the user and what to fix, and no password in
 * any message or log line, then fixed by rewriting the password file alone; the server stopped
 * while in use and started again; H2 to PostgreSQL to H2 while running. Apps with models wait while
 * the database is unavailable and come back by themselves; apps without models stay READY.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DataPostgresIT extends DataTestSupport {

    private static final String WRONG = "wrong-pw-5e2b0d";

    @Configuration
    public Option[] config() {
        TestPostgres.control(); // the server, in this JVM, outside the framework
        return new Option[] {composite(tesseraOptions("DataPostgresIT")), DataBundles.options("DataPostgresIT")};
    }

    @After
    public void backToH2() throws Exception {
        startPostgres();
        deleteConfig();
        awaitDb("^Database:  jdbc:h2:file:");
        awaitDb("^State:     AVAILABLE ");
        settle();
    }

    private String pgLine() {
        return "^Database:  " + Pattern.quote(postgresUrl()) + Pattern.quote(" (PostgreSQL, user 'app')") + "$";
    }

    private void usePostgres() throws Exception {
        Files.writeString(etc().resolve("db.password"), TestPostgres.PASSWORD + "\n");
        writeConfig("# the shared server", "url = " + postgresUrl(), "user = app", "password.file = etc/db.password");
        awaitDb(pgLine());
        awaitDb("^State:     AVAILABLE ");
    }

    /** Every app's reason, to search for the password. */
    private String reasons() {
        StringBuilder out = new StringBuilder();
        for (App a : registry.apps()) {
            out.append(a.label()).append(' ').append(a.state()).append(": ").append(a.reason()).append('\n');
        }
        return out.toString();
    }

    @Test
    public void theConfiguredServerIsUsedWithThePasswordFromAFile() throws Exception {
        usePostgres();
        String out = shell("apps:db");
        assertTrue(out, out.contains("\nChosen by: etc/io.tessera.data.cfg\nState:     AVAILABLE since "));
        // the pool holds real connections to the server, as user app
        await("the pool holds a connection to the server as user app", () -> Integer.parseInt(postgresSql(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = 'app' AND datname = 'app'")) >= 1);
        settle();
        assertExamplesReady();
        assertNowhere(TestPostgres.PASSWORD, out, reasons());
    }

    @Test
    public void wrongCredentialsAreSaidWithTheUserAndWhatToFixAndNoPasswordAnywhere() throws Exception {
        installAndStart(TestBundles.app("ledger"));
        installAndStart(TestBundles.app("plain").models());
        writeConfig("url = " + postgresUrl(), "user = app", "password = " + WRONG);
        String reason = "wrong credentials for user 'app' at " + postgresUrl() + ": password authentication failed for"
                + " user \"app\"; fix user/password in etc/io.tessera.data.cfg";
        String out = awaitDb("^Reason:    wrong credentials ");
        assertTrue(out, out.contains("\nState:     UNAVAILABLE since "));
        assertTrue(out, out.contains("\nReason:    " + reason + "\n"));
        awaitState("ledger", AppState.WAITING);
        assertEquals(reason, registry.app("ledger").reason());
        assertEquals(AppState.READY, stateOf("plain"));
        assertNowhere(WRONG, out, reasons(), shell("apps:diag ledger"));

        // from a file: its content is read at each attempt, so fixing the file alone brings it back
        Files.writeString(etc().resolve("db.password"), WRONG + "\n");
        writeConfig("url = " + postgresUrl(), "user = app", "password.file = etc/db.password");
        out = awaitDb("^Reason:    .*\\(the password is read from ");
        assertTrue(out, out.contains("\nReason:    " + reason + " (the password is read from "
                + etc().resolve("db.password") + ")\n"));
        Files.writeString(etc().resolve("db.password"), TestPostgres.PASSWORD + "\n");
        awaitDb("^State:     AVAILABLE ");
        awaitState("ledger", AppState.READY);
        settle();
        assertExamplesReady();
        assertNowhere(WRONG, reasons());
        assertNowhere(TestPostgres.PASSWORD, reasons(), shell("apps:db"));
    }

    @Test
    public void theServerStoppedWhileInUseIsWaitedForAndAppsComeBackByThemselves() throws Exception {
        installAndStart(TestBundles.app("ledger"));
        installAndStart(TestBundles.app("plain").models());
        usePostgres();
        awaitState("ledger", AppState.READY);
        journal.clear();
        stopPostgres();
        String reason = "database unreachable at " + postgresUrl() + ": Connection refused; start the server or fix url"
                + " in etc/io.tessera.data.cfg";
        String out = awaitDb("^Reason:    database unreachable ");
        assertTrue(out, out.contains("\nState:     UNAVAILABLE since "));
        assertTrue(out, out.contains("\nReason:    " + reason + "\n"));
        awaitState("ledger", AppState.WAITING);
        await("ledger waits for the database", () -> reason.equals(registry.app("ledger").reason()));
        for (String label : EXAMPLES) {
            if (!label.equals("markdown")) { // the examples with models
                awaitState(label, AppState.WAITING);
            }
        }
        assertEquals(AppState.READY, stateOf("plain"));
        assertEquals("an example without models keeps working", AppState.READY, stateOf("markdown"));
        assertTrue(journal.toString(), journal.contains("ledger:stopping"));
        startPostgres();
        awaitDb("^State:     AVAILABLE ");
        awaitState("ledger", AppState.READY);
        settle();
        assertExamplesReady();
        assertEquals(List.of("ledger:stopping", "ledger:ready"), journal.stream().filter(j -> j.startsWith("ledger:")).toList());
    }

    @Test
    public void h2ToPostgresqlToH2WhileRunning() throws Exception {
        installAndStart(TestBundles.app("ledger"));
        installAndStart(TestBundles.app("plain").models());
        settle();
        journal.clear();
        usePostgres();
        awaitState("ledger", AppState.READY);
        await("ledger stepped down and came back", () -> journal.contains("ledger:ready"));
        assertEquals(List.of("ledger:stopping", "ledger:ready"), journal.stream().filter(j -> j.startsWith("ledger:")).toList());
        assertEquals(List.of(), journal.stream().filter(j -> j.startsWith("plain:")).toList());
        journal.clear();
        deleteConfig();
        awaitDb("^Database:  jdbc:h2:file:" + Pattern.quote(home().resolve("data/db/tessera").toString()) + " ");
        await("ledger stepped down and came back", () -> journal.contains("ledger:ready"));
        assertEquals(List.of("ledger:stopping", "ledger:ready"), journal.stream().filter(j -> j.startsWith("ledger:")).toList());
        settle();
        assertExamplesReady();
        assertEquals(AppState.READY, stateOf("plain"));
        // the PostgreSQL pool was closed after the switch
        await("no connection of app is left", () -> "0".equals(postgresSql(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = 'app' AND datname = 'app'")));
    }
}
