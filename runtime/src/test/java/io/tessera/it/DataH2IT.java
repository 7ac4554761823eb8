package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The data layer with nothing configured: the embedded H2 database in the home's {@code data/db},
 * created there on start; another H2 file chosen by {@code etc/io.tessera.data.cfg} and given up
 * again when the file is deleted; and configuration files that are wrong in each way an operator
 * can get them wrong, each refused with the file, the key and what to do while the database in use
 * stays and every app stays READY.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DataH2IT extends DataTestSupport {

    @Configuration
    public Option[] config() {
        return new Option[] {composite(tesseraOptions("DataH2IT")), DataBundles.options("DataH2IT")};
    }

    private static String defaultUrl() {
        return "jdbc:h2:file:" + home().resolve("data/db/tessera");
    }

    @After
    public void backToTheDefault() throws Exception {
        deleteConfig();
        awaitDb("^Database:  " + Pattern.quote(defaultUrl()) + " ");
        awaitDb("^State:     AVAILABLE ");
        awaitNoRefusal();
    }

    private void awaitNoRefusal() throws Exception {
        await("no refusal is shown once the file is gone", () -> {
            try {
                return !shell("apps:db").contains("Refused:");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    public void theDefaultIsAnEmbeddedH2FileInTheHomesDataFolder() throws Exception {
        String out = awaitDb("^State:     AVAILABLE since ");
        assertTrue(out, out.startsWith("Database:  " + defaultUrl() + " (H2, embedded, user 'sa')\n"
                + "Chosen by: the default (embedded H2; etc/io.tessera.data.cfg chooses another database)\n"
                + "State:     AVAILABLE since "));
        assertFalse(out, out.contains("Reason:") || out.contains("Refused:"));
        assertTrue(Files.isRegularFile(home().resolve("data/db/tessera.mv.db")));
        assertExamplesReady();
        assertEquals("apps:db: unexpected argument: now.\n" + "Usage:\n"
                + "  apps:db   show the database in use, whether it is available, and why not\n", shell("apps:db now"));
    }

    @Test
    public void anotherH2FileIsUsedWhileTheConfigurationNamesItAndTheDefaultAgainWhenTheFileIsDeleted() throws Exception {
        Path other = home().resolve("data/other/shop");
        writeConfig("# a second H2 database", "url = jdbc:h2:file:" + other);
        String out = awaitDb("^Database:  " + Pattern.quote("jdbc:h2:file:" + other) + " \\(H2, embedded\\)$");
        assertTrue(out, out.contains("\nChosen by: etc/io.tessera.data.cfg\nState:     AVAILABLE since "));
        assertTrue(Files.isRegularFile(home().resolve("data/other/shop.mv.db")));
        settle();
        assertExamplesReady();
        deleteConfig();
        awaitDb("^Database:  " + Pattern.quote(defaultUrl()) + " ");
        settle();
        assertExamplesReady();
    }

    /** Each bad file: the line apps:db shows (after "Refused:   "), the database in use staying the default. */
    private void assertRefused(String expected, String... fileLines) throws Exception {
        writeConfig(fileLines);
        String out = awaitDb("^Refused:   ");
        assertTrue(out, out.contains("\nRefused:   " + expected + "; fix the file and save it again\n"));
        assertTrue(out, out.startsWith("Database:  " + defaultUrl() + " "));
        assertTrue(out, out.contains("\nState:     AVAILABLE since "));
        settle();
        assertExamplesReady();
        assertTrue(logLines.toString(), logLines.stream().anyMatch(l -> l.startsWith("io.tessera.data WARNING " + expected)));
        deleteConfig();
        awaitNoRefusal();
    }

    @Test
    public void anUnknownKindOfDatabaseIsRefusedAndTheDatabaseInUseStays() throws Exception {
        assertRefused("etc/io.tessera.data.cfg, key url: unknown kind of database 'jdbc:mysql:'; Tessera speaks"
                + " jdbc:postgresql://HOST:PORT/DATABASE and jdbc:h2:file:PATH",
                "url = jdbc:mysql://127.0.0.1:3306/app", "user = app", "password = " + TestPostgres.PASSWORD);
        assertRefused("etc/io.tessera.data.cfg, key url: unknown kind of database 'postgres://127.0.0.1/app'; Tessera"
                + " speaks jdbc:postgresql://HOST:PORT/DATABASE and jdbc:h2:file:PATH", "url = postgres://127.0.0.1/app",
                "user = app");
        assertNowhere(TestPostgres.PASSWORD, shell("apps:db"));
    }

    @Test
    public void missingKeysAreRefusedNamingTheKey() throws Exception {
        assertRefused("etc/io.tessera.data.cfg, key url: missing; give the JDBC URL of the database"
                + " (jdbc:postgresql://HOST:PORT/DATABASE), or remove user and password to use the embedded H2",
                "user = app", "password.file = etc/db.password");
        assertRefused("etc/io.tessera.data.cfg, key user: missing; PostgreSQL needs the user to log in as",
                "url = jdbc:postgresql://127.0.0.1:5432/app", "password = x");
    }

    @Test
    public void anUnreadablePasswordFileOrTwoPasswordsAreRefused() throws Exception {
        assertRefused("etc/io.tessera.data.cfg, key password.file: cannot read " + home().resolve("etc/missing.password")
                + " (NoSuchFileException); make it readable by the runtime or fix the path",
                "url = jdbc:postgresql://127.0.0.1:5432/app", "user = app", "password.file = etc/missing.password");
        Files.writeString(etc().resolve("db.password"), "secret\n");
        assertRefused("etc/io.tessera.data.cfg, key password.file: both password and password.file are given; keep one",
                "url = jdbc:postgresql://127.0.0.1:5432/app", "user = app", "password = x",
                "password.file = etc/db.password");
    }
}
