package io.tessera.data.internal.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.tessera.data.internal.Dialect;

/** Every kind of configuration: the default, PostgreSQL with either password, and each refusal's words. */
public class DatabaseSettingsTest {

    private static final String FILE = "etc/io.tessera.data.cfg";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private DatabaseSettings parse(Map<String, ?> properties) throws DatabaseSettings.BadSettings {
        return DatabaseSettings.parse(properties, FILE, folder.getRoot().toPath(), folder.getRoot().toPath().resolve("data/db"));
    }

    private void assertRefused(String message, Map<String, ?> properties) {
        try {
            parse(properties);
            fail("accepted " + properties.keySet());
        } catch (DatabaseSettings.BadSettings e) {
            assertEquals(message, e.getMessage());
        }
    }

    @Test
    public void noConfigurationOrOneWithoutDatabaseKeysIsTheEmbeddedH2InDataDb() throws Exception {
        for (Map<String, ?> none : java.util.Arrays.asList(null, Map.<String, Object>of(), Map.of("service.pid", "io.tessera.data"))) {
            DatabaseSettings s = parse(none);
            assertTrue(s.byDefault());
            assertEquals(Dialect.H2, s.dialect());
            assertEquals("jdbc:h2:file:" + folder.getRoot().toPath().resolve("data/db/tessera"), s.url());
            assertEquals("sa", s.user());
        }
    }

    @Test
    public void postgresqlWithAPasswordOrAPasswordFileReadEachTime() throws Exception {
        DatabaseSettings literal = parse(Map.of("url", "jdbc:postgresql://127.0.0.1:5432/app", "user", "app", "password", "s3cret"));
        assertEquals(Dialect.POSTGRESQL, literal.dialect());
        assertEquals("s3cret", literal.password());
        assertFalse(literal.toString(), literal.toString().contains("s3cret"));
        Path file = folder.getRoot().toPath().resolve("etc/db.password");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "first\n");
        DatabaseSettings fromFile = parse(Map.of("url", "jdbc:postgresql://db/app", "user", "app", "password.file", "etc/db.password"));
        assertEquals(file, fromFile.passwordFile());
        assertEquals("first", fromFile.password());
        Files.writeString(file, "second");
        assertEquals("second", fromFile.password());
        assertNull(fromFile.literalPassword());
        assertTrue(fromFile.sameAs(parse(Map.of("url", "jdbc:postgresql://db/app", "user", "app", "password.file", "etc/db.password"))));
        assertFalse(fromFile.sameAs(literal));
    }

    @Test
    public void secretsInTheUrlAreNeverDescribed() {
        assertEquals("jdbc:postgresql://db:5432/app?user=app&password=****&ssl=true",
                DatabaseSettings.describe("jdbc:postgresql://db:5432/app?user=app&password=hunter2&ssl=true"));
        assertEquals("jdbc:h2:file:/x/db;USER=sa;PASSWORD=****", DatabaseSettings.describe("jdbc:h2:file:/x/db;USER=sa;PASSWORD=hunter2"));
        assertEquals("jdbc:postgresql://app:****@db/app", DatabaseSettings.describe("jdbc:postgresql://app:hunter2@db/app"));
        assertEquals("jdbc:postgresql://db/app", DatabaseSettings.describe("jdbc:postgresql://db/app"));
    }

    @Test
    public void eachBadConfigurationIsRefusedNamingTheFileTheKeyAndWhatToDo() {
        assertRefused(FILE + ", key url: unknown kind of database 'jdbc:mysql:'; Tessera speaks"
                + " jdbc:postgresql://HOST:PORT/DATABASE and jdbc:h2:file:PATH", Map.of("url", "jdbc:mysql://db/app"));
        assertRefused(FILE + ", key url: unknown kind of database 'postgres://app:****@db/app'; Tessera speaks"
                + " jdbc:postgresql://HOST:PORT/DATABASE and jdbc:h2:file:PATH", Map.of("url", "postgres://app:hunter2@db/app"));
        assertRefused(FILE + ", key url: missing; give the JDBC URL of the database (jdbc:postgresql://HOST:PORT/DATABASE),"
                + " or remove user and password to use the embedded H2", Map.of("user", "app"));
        assertRefused(FILE + ", key user: missing; PostgreSQL needs the user to log in as",
                Map.of("url", "jdbc:postgresql://db/app", "password", "x"));
        assertRefused(FILE + ", key password.file: both password and password.file are given; keep one",
                Map.of("url", "jdbc:postgresql://db/app", "user", "app", "password", "x", "password.file", "p"));
        assertRefused(FILE + ", key password.file: cannot read " + folder.getRoot().toPath().resolve("nope")
                + " (NoSuchFileException); make it readable by the runtime or fix the path",
                Map.of("url", "jdbc:postgresql://db/app", "user", "app", "password.file", "nope"));
    }
}
