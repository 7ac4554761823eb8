package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.Test;

/**
 * The data layer in the real runtime ({@code java -jar target/tessera-runtime.jar}, in a process of
 * its own): the README's start runs it on the embedded H2 in the home's {@code data/db}, which a
 * restart keeps; wrong credentials for the configured PostgreSQL server are said on the console,
 * in the log file and in {@code apps:db}, and fixed by rewriting the password file alone, without
 * the password showing up in anything the runtime printed or wrote.
 */
public class DataRuntimeIT {

    private static final String WRONG = "wrong-pw-0d7731";

    @Test
    public void theReadmeStartRunsTheDataLayerOnH2InTheHomesDataFolder() throws Exception {
        Path dir = HomeIT.fresh("DataRuntimeIT-h2");
        Path db = dir.resolve("home/data/db/tessera");
        for (int start = 0; start < 2; start++) { // a restart keeps the database file
            try (HomeShell shell = HomeShell.start(dir)) {
                assertTrue(shell.startLine(), shell.startLine().contains(": 5 of 5 apps READY (auth, blog, markdown, notes, polls); home "));
                assertTrue(Files.isRegularFile(dir.resolve("home/data/db/tessera.mv.db")));
                String out = shell.run("apps:db");
                assertTrue(out, out.contains("Database:  jdbc:h2:file:" + db + " (H2, embedded, user 'sa')\n"));
                assertTrue(out, out.contains("\nState:     AVAILABLE since "));
                assertEquals(0, shell.stop());
            }
        }
    }

    @Test
    public void wrongCredentialsAreSaidEverywhereAnOperatorLooksAndThePasswordNowhere() throws Exception {
        String url = TestPostgres.url();
        Path dir = HomeIT.fresh("DataRuntimeIT-credentials");
        Path etc = Files.createDirectories(dir.resolve("home/etc"));
        Files.writeString(etc.resolve("db.password"), WRONG + "\n");
        Files.writeString(etc.resolve("io.tessera.data.cfg"), "url = " + url + "\nuser = app\npassword.file = etc/db.password\n");
        String reason = "wrong credentials for user 'app' at " + url + ": password authentication failed for user \"app\";"
                + " fix user/password in etc/io.tessera.data.cfg (the password is read from " + etc.resolve("db.password") + ")";
        Path log = dir.resolve("home/log/tessera.log");
        try (HomeShell shell = HomeShell.start(dir)) {
            String out = shell.run("apps:db");
            assertTrue(out, out.contains("\nReason:    " + reason + "\n"));
            assertTrue(shell.process().err(), shell.process().err().contains("[io.tessera.data] WARN " + reason));
            Files.writeString(etc.resolve("db.password"), TestPostgres.PASSWORD + "\n");
            awaitTrue(() -> run(shell, "apps:db").contains("\nState:     AVAILABLE since "));
            awaitTrue(() -> run(shell, "apps:list").matches("(?s)(.*\\bREADY\\b.*){4}"));
            assertEquals(0, shell.stop());
            String everything = shell.process().out() + shell.process().err() + Files.readString(log);
            assertTrue(Files.readString(log), Files.readString(log).contains("WARN [io.tessera.data] " + reason));
            assertFalse("the wrong password was printed or logged", everything.contains(WRONG));
            assertFalse("the password was printed or logged", everything.contains(TestPostgres.PASSWORD));
        }
    }

    private static String run(HomeShell shell, String line) {
        try {
            return shell.run(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue("timed out after 30 s", System.nanoTime() < deadline);
            Thread.sleep(100); // polling interval of a bounded wait, not synchronisation
        }
    }
}
