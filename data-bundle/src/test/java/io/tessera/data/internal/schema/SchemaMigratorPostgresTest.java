package io.tessera.data.internal.schema;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import io.tessera.data.internal.Dialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The migrator on a real PostgreSQL server (started from Maven artifacts by the test): a set is
 * one transaction, so a failure, a cancellation or a crash leaves the schema and the record as
 * they were.
 */
public class SchemaMigratorPostgresTest {

    private static EmbeddedPostgres server;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private DataSource dataSource;
    private TestDatabase db;
    private SchemaMigrator migrator;

    @BeforeClass
    public static void startServer() throws Exception {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterClass
    public static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Before
    public void freshDatabase() throws Exception {
        String name = "schema" + COUNT.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        dataSource = server.getDatabase("postgres", name);
        db = new TestDatabase(dataSource);
        migrator = new SchemaMigrator(dataSource, Dialect.POSTGRESQL);
    }

    private Outcome migrate(Class<?> version, List<ShippedStep> shipped) throws Exception {
        return migrator.apply(migrator.plan("blog", Fixtures.models("blog", version), shipped), () -> false, w -> { });
    }

    private List<String> rows(String sql) throws Exception {
        return db.rows(sql);
    }

    private void execute(String... sql) throws Exception {
        db.execute(sql);
    }

    private List<String> tables() throws Exception {
        return db.tables();
    }

    private List<String> columns(String table) throws Exception {
        return db.columns(table);
    }

    @Test
    public void aFreshAppGetsItsTablesWithKeysAndTheRecord() throws Exception {
        assertEquals(Outcome.Status.DONE, migrate(Fixtures.V1.class, List.of()).status());
        assertEquals(List.of("blog_author", "blog_post", "tessera_migration", "tessera_migration_set", "tessera_schema"),
                tables());
        assertEquals(List.of("id bigint not null", "title text not null", "author bigint not null", "views integer"),
                columns("blog_post"));
        assertEquals(List.of("auto_create_blog_author", "auto_create_blog_post"),
                rows("SELECT step FROM tessera_migration ORDER BY seq"));
        assertEquals(List.of("blog_post_author_fk"), rows("SELECT constraint_name FROM information_schema.table_constraints"
                + " WHERE table_name = 'blog_post' AND constraint_type = 'FOREIGN KEY'"));
        execute("INSERT INTO blog_author (name) VALUES ('ann')", "INSERT INTO blog_post (title, author) VALUES ('hi', 1)");
        assertEquals(List.of("1|hi|1"), rows("SELECT id, title, author FROM blog_post"));
        assertTrue(migrator.plan("blog", Fixtures.models("blog", Fixtures.V1.class), List.of()).upToDate());
    }

    @Test
    public void everyMappedTypeStoresAndReadsBackItsValue() throws Exception {
        assertEquals(Outcome.Status.DONE, migrator.apply(migrator.plan("shop",
                Fixtures.modelsOf("shop", Fixtures.Everything.class), List.of()), () -> false, w -> { }).status());
        UUID uuid = UUID.randomUUID();
        Instant at = Instant.parse("2024-02-29T12:34:56.123456Z");
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO shop_everything (flag, tiny, small, count, big,"
                    + " ratio, precise, letter, text, price, at, day, local_at, time, uuid, color, bytes, tags)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Object[] values = {true, (short) 7, (short) 300, 70000, 5_000_000_000L, 1.5f, 2.25d, "x", "text",
                        new BigDecimal("12.3450"), at.atOffset(ZoneOffset.UTC), LocalDate.of(2024, 2, 29),
                        LocalDateTime.of(2024, 2, 29, 1, 2, 3, 4000), LocalTime.of(23, 59, 58), uuid, "GREEN",
                        new byte[] {1, 2, 3}, c.createArrayOf("text", new Object[] {"a", "b"})};
                for (int i = 0; i < values.length; i++) {
                    p.setObject(i + 1, values[i]);
                }
                p.executeUpdate();
            }
            try (ResultSet r = c.createStatement().executeQuery("SELECT * FROM shop_everything")) {
                r.next();
                assertEquals(1L, r.getLong("id"));
                assertEquals(new BigDecimal("12.3450"), r.getBigDecimal("price"));
                assertEquals(at, r.getObject("at", OffsetDateTime.class).toInstant());
                assertEquals(LocalDateTime.of(2024, 2, 29, 1, 2, 3, 4000), r.getObject("local_at", LocalDateTime.class));
                assertEquals(uuid, r.getObject("uuid", UUID.class));
                assertEquals(List.of("a", "b"), List.of((Object[]) r.getArray("tags").getArray()));
                assertEquals(3, r.getBytes("bytes").length);
            }
        }
    }

    @Test
    public void additiveChangesKeepRowsAndLossyOnesAreRefused() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        execute("INSERT INTO blog_author (name) VALUES ('ann')", "INSERT INTO blog_post (title, author) VALUES ('hi', 1)");
        Outcome o = migrate(Fixtures.V2Additive.class, List.of());
        assertEquals(o.reason(), Outcome.Status.DONE, o.status());
        assertEquals(List.of("1|hi|0"), rows("SELECT id, title, likes FROM blog_post"));
        Outcome lossy = migrate(Fixtures.V2Removed.class, List.of());
        assertEquals(Outcome.Status.REFUSED, lossy.status());
        assertTrue(lossy.reason(), lossy.reason().contains("field blog.Post.views was removed"));
    }

    @Test
    public void aFailingStepRollsBackTheWholeSetWithItsRecord() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        // on PostgreSQL a shipped step needs no undo file: the set is one transaction
        Outcome o = migrate(Fixtures.V2Renamed.class, ShippedSteps.of(Map.of(
                "0002_rename_title.sql", "ALTER TABLE blog_post RENAME COLUMN title TO headline;",
                "0003_broken.sql", "ALTER TABLE blog_post ADD COLUMN x INT; ALTER TABLE blog_post ADD COLUMN y INTEGRAL;")));
        assertEquals(Outcome.Status.FAILED, o.status());
        assertEquals("0003_broken", o.step());
        assertTrue(o.reason(), o.reason().startsWith("migration step 0003_broken failed: ERROR: type \"integral\" does"
                + " not exist"));
        assertTrue(o.reason(), o.reason().endsWith("; the whole set was rolled back, the tables are as they were"));
        assertEquals(List.of("id bigint not null", "title text not null", "author bigint not null", "views integer"),
                columns("blog_post"));
        assertEquals(2, rows("SELECT * FROM tessera_migration").size());
    }

    @Test
    public void aFailingDerivedStepRollsBackTheTableCreatedBeforeIt() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        execute("INSERT INTO blog_author (name) VALUES ('ann')",
                "INSERT INTO blog_post (title, author) VALUES ('same', 1), ('same', 1)");
        Outcome o = migrate(Fixtures.V2UniqueTitle.class, List.of());
        assertEquals(Outcome.Status.FAILED, o.status());
        assertEquals("auto_unique_blog_post_title", o.step());
        assertFalse(tables().contains("blog_tag"));
    }

    @Test
    public void cancellingASetStopsItsLongStepAtOnceAndRollsBack() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        Plan plan = migrator.plan("blog", Fixtures.models("blog", Fixtures.V2Renamed.class), ShippedSteps.of(Map.of(
                "0002_rename_title.sql", "ALTER TABLE blog_post RENAME COLUMN title TO headline;",
                "0003_slow.sql", "SELECT pg_sleep(60);")));
        // cancelled as the long step starts: without cancelling its statement, the set would end DONE after it
        Outcome o = migrator.apply(plan, cancelled::get, what -> cancelled.set(what.contains("0003_slow")));
        assertEquals(o.toString(), Outcome.Status.CANCELLED, o.status());
        assertEquals(List.of("id bigint not null", "title text not null", "author bigint not null", "views integer"),
                columns("blog_post"));
        assertEquals(2, rows("SELECT * FROM tessera_migration").size());
    }

    @Test
    public void aCancelledOrHaltedSetLeavesNothing() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        AtomicInteger asked = new AtomicInteger();
        Plan plan = migrator.plan("blog", Fixtures.models("blog", Fixtures.V2Additive.class), List.of());
        assertEquals(Outcome.Status.CANCELLED, migrator.apply(plan, () -> asked.incrementAndGet() > 2, w -> { }).status());
        assertFalse(tables().contains("blog_tag"));
        try {
            migrator.apply(plan, () -> false, what -> {
                if (what.startsWith("migrating: step 3,")) {
                    throw new IllegalStateException("halt");
                }
            });
            throw new AssertionError("not halted");
        } catch (IllegalStateException expected) {
            // the transaction is rolled back, not committed by the switch back to autocommit
        }
        assertFalse(tables().contains("blog_tag"));
        assertEquals(List.of("id bigint not null", "name text not null"), columns("blog_author"));
        assertEquals(Outcome.Status.DONE, migrate(Fixtures.V2Additive.class, List.of()).status());
        assertTrue(tables().contains("blog_tag"));
    }
}
