package io.tessera.data.internal.schema;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

import io.tessera.core.Model;
import io.tessera.data.internal.Dialect;

/** The migrator on a real H2 database through plain JDBC: creation, records, additive and shipped steps, failures. */
public class SchemaMigratorH2Test {

    private final TestDatabase db = new TestDatabase();
    private final SchemaMigrator migrator = new SchemaMigrator(db.dataSource(), Dialect.H2);
    private final List<String> progress = new ArrayList<>();

    private Outcome migrate(Class<?> version, List<ShippedStep> shipped) throws Exception {
        Plan plan = migrator.plan("blog", Fixtures.models("blog", version), shipped);
        return migrator.apply(plan, () -> false, progress::add);
    }

    private static List<ShippedStep> steps(String... nameAndText) throws SchemaException {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameAndText.length; i += 2) {
            files.put(nameAndText[i], nameAndText[i + 1]);
        }
        return ShippedSteps.of(files);
    }

    @Test
    public void aFreshAppGetsItsTablesAndTheRecordSaysSo() throws Exception {
        Outcome o = migrate(Fixtures.V1.class, List.of());
        assertEquals(Outcome.Status.DONE, o.status());
        assertEquals(List.of("blog_author", "blog_post", "tessera_migration", "tessera_migration_set", "tessera_schema"),
                db.tables());
        assertEquals(List.of("id BIGINT not null", "title CHARACTER VARYING not null", "author BIGINT not null",
                "views INTEGER"), db.columns("blog_post"));
        assertEquals(List.of("blog|1|auto_create_blog_author|DERIVED", "blog|2|auto_create_blog_post|DERIVED"),
                db.rows("SELECT app_label, seq, step, kind FROM tessera_migration ORDER BY seq"));
        assertEquals(List.of(ModelSchema.describe("blog", Fixtures.models("blog", Fixtures.V1.class)).encode()),
                db.rows("SELECT description FROM tessera_schema"));
        assertEquals(List.of(), db.rows("SELECT * FROM tessera_migration_set"));
        assertEquals(List.of("migrating: step 1, auto_create_blog_author (create table blog_author for model blog.Author)",
                "migrating: step 2, auto_create_blog_post (create table blog_post for model blog.Post)"), progress);
        // the foreign key is real, and the id is generated when left out
        db.execute("INSERT INTO blog_author (name) VALUES ('ann')");
        db.execute("INSERT INTO blog_post (title, author) VALUES ('hello', 1)");
        try {
            db.execute("INSERT INTO blog_post (title, author) VALUES ('orphan', 99)");
            throw new AssertionError("inserted a post of no author");
        } catch (java.sql.SQLException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("BLOG_POST_AUTHOR_FK"));
        }
    }

    @Test
    public void differencesSayHowTheTablesDifferFromTheModels() throws Exception {
        assertEquals(List.of("table blog_author of model blog.Author is missing",
                "table blog_post of model blog.Post is missing"),
                migrator.differences("blog", Fixtures.models("blog", Fixtures.V1.class)));
        migrate(Fixtures.V1.class, List.of());
        assertEquals(List.of(), migrator.differences("blog", Fixtures.models("blog", Fixtures.V1.class)));
        assertEquals(List.of("column blog_post.headline of field blog.Post.headline is missing",
                "column blog_post.title maps to no field of blog.Post"),
                migrator.differences("blog", Fixtures.models("blog", Fixtures.V2Renamed.class)));
    }

    @Test
    public void whenTheTablesMatchThePlanIsUpToDateAndRunsNothing() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        Plan again = migrator.plan("blog", Fixtures.models("blog", Fixtures.V1.class), List.of());
        assertTrue(again.upToDate());
        assertEquals(Outcome.Status.DONE, migrator.apply(again, () -> false, progress::add).status());
        assertEquals(2, db.rows("SELECT * FROM tessera_migration").size());
    }

    @Test
    public void everyMappedTypeStoresAndReadsBackItsValue() throws Exception {
        List<Model> models = Fixtures.modelsOf("shop", Fixtures.Everything.class);
        assertEquals(Outcome.Status.DONE, migrator.apply(migrator.plan("shop", models, List.of()), () -> false,
                progress::add).status());
        UUID uuid = UUID.randomUUID();
        Instant at = Instant.parse("2024-02-29T12:34:56.123456789Z");
        try (Connection c = db.dataSource().getConnection()) {
            Array tags = c.createArrayOf("VARCHAR", new Object[] {"a", "b"});
            // DAY, TIME and VALUE are reserved words in H2: the columns were created quoted, so they work as names
            try (PreparedStatement p = c.prepareStatement("INSERT INTO shop_everything (flag, tiny, small, count, big,"
                    + " ratio, precise, letter, text, price, at, \"DAY\", local_at, \"TIME\", uuid, color, bytes, tags)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Object[] values = {true, (byte) 7, (short) 300, 70000, 5_000_000_000L, 1.5f, 2.25d, "x", "text",
                        new BigDecimal("12.3450"), at.atOffset(java.time.ZoneOffset.UTC), LocalDate.of(2024, 2, 29),
                        LocalDateTime.of(2024, 2, 29, 1, 2, 3, 4), LocalTime.of(23, 59, 58), uuid, "GREEN",
                        new byte[] {1, 2, 3}, tags};
                for (int i = 0; i < values.length; i++) {
                    p.setObject(i + 1, values[i]);
                }
                p.executeUpdate();
            }
            try (ResultSet r = c.createStatement().executeQuery("SELECT * FROM shop_everything")) {
                r.next();
                assertEquals(1L, r.getLong("id"));
                // H2's DECFLOAT keeps the value and its digits, not trailing zeros
                assertEquals(new BigDecimal("12.345"), r.getBigDecimal("price"));
                assertEquals(at, r.getObject("at", OffsetDateTime.class).toInstant());
                assertEquals(LocalDateTime.of(2024, 2, 29, 1, 2, 3, 4), r.getObject("local_at", LocalDateTime.class));
                assertEquals(uuid, r.getObject("uuid", UUID.class));
                assertEquals(List.of("a", "b"), List.of((Object[]) r.getArray("tags").getArray()));
                assertEquals(3, r.getBytes("bytes").length);
                r.getBoolean("flag_or_null");
                assertTrue(r.wasNull());
            }
        }
    }

    @Test
    public void additiveChangesApplyOnArrivalAndKeepTheRows() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        db.execute("INSERT INTO blog_author (name) VALUES ('ann')", "INSERT INTO blog_post (title, author) VALUES ('hi', 1)");
        Outcome o = migrate(Fixtures.V2Additive.class, List.of());
        assertEquals(o.reason(), Outcome.Status.DONE, o.status());
        assertEquals(List.of("1|hi|1|null|0"), db.rows("SELECT id, title, author, views, likes FROM blog_post"));
        assertEquals(List.of("id BIGINT not null", "post BIGINT not null", "name CHARACTER VARYING not null"),
                db.columns("blog_tag"));
        assertEquals(List.of("auto_create_blog_author", "auto_create_blog_post", "auto_create_blog_tag",
                "auto_add_blog_author_email", "auto_index_blog_post_title", "auto_add_blog_post_likes"),
                db.rows("SELECT step FROM tessera_migration ORDER BY seq"));
    }

    @Test
    public void aLossyChangeIsRefusedAndNothingChanges() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        Plan plan = migrator.plan("blog", Fixtures.models("blog", Fixtures.V2Removed.class), List.of());
        assertTrue(plan.refused());
        Outcome o = migrator.apply(plan, () -> false, progress::add);
        assertEquals(Outcome.Status.REFUSED, o.status());
        assertEquals("field blog.Post.views was removed, and column blog_post.views holds its data: ship a step that"
                + " drops it (ALTER TABLE blog_post DROP COLUMN views), or restore the field", o.reason());
        assertEquals(List.of("id BIGINT not null", "title CHARACTER VARYING not null", "author BIGINT not null",
                "views INTEGER"), db.columns("blog_post"));
    }

    @Test
    public void unmappableModelsAreRefusedNamingModelFieldAndType() throws Exception {
        Plan plan = migrator.plan("shop", Fixtures.modelsOf("shop", Fixtures.Unmappable.class), List.of());
        Outcome o = migrator.apply(plan, () -> false, progress::add);
        assertEquals(Outcome.Status.REFUSED, o.status());
        assertTrue(o.reason(), o.reason().startsWith("field shop.Unmappable.attributes has type java.util.Map<"));
    }

    @Test
    public void aShippedStepRenamesAColumnAndKeepsItsData() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        db.execute("INSERT INTO blog_author (name) VALUES ('ann')", "INSERT INTO blog_post (title, author) VALUES ('hi', 1)");
        Outcome o = migrate(Fixtures.V2Renamed.class, steps(
                "0002_rename_title.sql", "ALTER TABLE blog_post RENAME COLUMN title TO headline;",
                "0002_rename_title.undo.sql", "ALTER TABLE blog_post RENAME COLUMN headline TO title;"));
        assertEquals(o.reason(), Outcome.Status.DONE, o.status());
        assertEquals(List.of("1|hi"), db.rows("SELECT id, headline FROM blog_post"));
        assertEquals(List.of("3|0002_rename_title|SHIPPED"), db.rows("SELECT seq, step, kind FROM tessera_migration WHERE seq > 2"));
        assertTrue(migrator.plan("blog", Fixtures.models("blog", Fixtures.V2Renamed.class), steps(
                "0002_rename_title.sql", "ALTER TABLE blog_post RENAME COLUMN title TO headline;",
                "0002_rename_title.undo.sql", "ALTER TABLE blog_post RENAME COLUMN headline TO title;")).upToDate());
    }

    @Test
    public void aFreshInstallRecordsShippedStepsAsBaselineWithoutRunningThem() throws Exception {
        Outcome o = migrate(Fixtures.V2Renamed.class, steps("0002_rename_title.sql",
                "ALTER TABLE blog_post RENAME COLUMN title TO headline;"));
        assertEquals(o.reason(), Outcome.Status.DONE, o.status());
        assertEquals(List.of("auto_create_blog_author|DERIVED", "auto_create_blog_post|DERIVED",
                "0002_rename_title|BASELINE"), db.rows("SELECT step, kind FROM tessera_migration ORDER BY seq"));
    }

    @Test
    public void onH2AShippedStepWithoutUndoFileIsRefused() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        Plan plan = migrator.plan("blog", Fixtures.models("blog", Fixtures.V2Renamed.class), steps(
                "0002_rename_title.sql", "ALTER TABLE blog_post RENAME COLUMN title TO headline;"));
        assertEquals("step TESSERA-INF/migrations/0002_rename_title.sql has no undo file 0002_rename_title.undo.sql: on"
                + " H2, whose DDL commits at once, Tessera takes a step back with it when a later step fails or the"
                + " runtime stops in the middle; ship one beside the step", plan.refusal());
    }

    @Test
    public void aShippedStepThatChangedAfterItWasAppliedIsRefused() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        migrate(Fixtures.V2Renamed.class, steps(
                "0002_rename_title.sql", "ALTER TABLE blog_post RENAME COLUMN title TO headline;",
                "0002_rename_title.undo.sql", "ALTER TABLE blog_post RENAME COLUMN headline TO title;"));
        Plan plan = migrator.plan("blog", Fixtures.models("blog", Fixtures.V2Renamed.class), steps(
                "0002_rename_title.sql", "ALTER TABLE blog_post RENAME COLUMN title TO head_line;",
                "0002_rename_title.undo.sql", "ALTER TABLE blog_post RENAME COLUMN head_line TO title;"));
        assertTrue(plan.refusal(), plan.refusal().startsWith("step TESSERA-INF/migrations/0002_rename_title.sql changed"
                + " after it was applied on "));
        assertTrue(plan.refusal(), plan.refusal().endsWith(": restore it as it was, and ship the change as a new step"));
    }

    @Test
    public void aShippedStepWithAnSqlErrorInTheMiddleUndoesTheStepsBeforeIt() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        Outcome o = migrate(Fixtures.V2Renamed.class, steps(
                "0002_rename_title.sql", "ALTER TABLE blog_post RENAME COLUMN title TO headline;",
                "0002_rename_title.undo.sql", "ALTER TABLE blog_post RENAME COLUMN headline TO title;",
                "0003_broken.sql", "ALTER TABLE blog_post ADD COLUMN x INT;\nALTER TABLE blog_post ADD COLUMN y INTEGRAL;",
                "0003_broken.undo.sql", "ALTER TABLE blog_post DROP COLUMN IF EXISTS x;"));
        assertEquals(Outcome.Status.FAILED, o.status());
        assertEquals("0003_broken", o.step());
        assertTrue(o.reason(), o.reason().startsWith("migration step 0003_broken failed: Unknown data type: \"INTEGRAL\""));
        assertTrue(o.reason(), o.reason().endsWith("; the steps of the set that ran were undone, the tables are as they were"));
        assertEquals(List.of("id BIGINT not null", "title CHARACTER VARYING not null", "author BIGINT not null",
                "views INTEGER"), db.columns("blog_post"));
        assertEquals(2, db.rows("SELECT * FROM tessera_migration").size());
        assertEquals(List.of(), db.rows("SELECT * FROM tessera_migration_set"));
    }

    @Test
    public void aDerivedStepThatFailsUndoesTheTableCreatedBeforeIt() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        db.execute("INSERT INTO blog_author (name) VALUES ('ann')",
                "INSERT INTO blog_post (title, author) VALUES ('same', 1), ('same', 1)");
        Outcome o = migrate(Fixtures.V2UniqueTitle.class, List.of());
        assertEquals(Outcome.Status.FAILED, o.status());
        assertEquals("auto_unique_blog_post_title", o.step());
        assertTrue(o.reason(), o.reason().startsWith("migration step auto_unique_blog_post_title failed: Unique index"));
        assertEquals(List.of("blog_author", "blog_post", "tessera_migration", "tessera_migration_set", "tessera_schema"),
                db.tables());
        assertEquals(List.of(ModelSchema.describe("blog", Fixtures.models("blog", Fixtures.V1.class)).encode()),
                db.rows("SELECT description FROM tessera_schema"));
    }

    @Test
    public void aCancelledSetIsUndone() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        AtomicInteger asked = new AtomicInteger();
        Plan plan = migrator.plan("blog", Fixtures.models("blog", Fixtures.V2Additive.class), List.of());
        Outcome o = migrator.apply(plan, () -> asked.incrementAndGet() > 2, progress::add);
        assertEquals(Outcome.Status.CANCELLED, o.status());
        assertEquals(List.of("id BIGINT not null", "name CHARACTER VARYING not null"), db.columns("blog_author"));
        assertFalse(db.tables().contains("blog_tag"));
        assertEquals(2, db.rows("SELECT * FROM tessera_migration").size());
    }

    @Test
    public void aSetInterruptedInTheMiddleIsUndoneByTheNextRun() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        Plan plan = migrator.plan("blog", Fixtures.models("blog", Fixtures.V2Additive.class), List.of());
        try {
            // the runtime "dies" before the third step: nothing after this line of the set runs
            migrator.apply(plan, () -> false, what -> {
                if (what.startsWith("migrating: step 3,")) {
                    throw new IllegalStateException("halt");
                }
            });
            throw new AssertionError("not halted");
        } catch (IllegalStateException expected) {
            // the first two steps are in the database, the record is still the old one
        }
        assertTrue(db.tables().contains("blog_tag"));
        assertEquals(List.of("id BIGINT not null", "name CHARACTER VARYING not null", "email CHARACTER VARYING"),
                db.columns("blog_author"));
        SchemaMigrator restarted = new SchemaMigrator(db.dataSource(), Dialect.H2);
        assertTrue(restarted.recorded("blog").interrupted());
        Plan again = restarted.plan("blog", Fixtures.models("blog", Fixtures.V1.class), List.of());
        assertTrue(again.interrupted());
        assertEquals(Outcome.Status.DONE, restarted.apply(again, () -> false, progress::add).status());
        assertFalse(db.tables().contains("blog_tag"));
        assertEquals(List.of("id BIGINT not null", "name CHARACTER VARYING not null"), db.columns("blog_author"));
        assertFalse(restarted.recorded("blog").interrupted());
        assertTrue(restarted.plan("blog", Fixtures.models("blog", Fixtures.V1.class), List.of()).upToDate());
    }

    @Test
    public void aTableThatExistsWithoutARecordIsRefused() throws Exception {
        db.execute("CREATE TABLE blog_post (id BIGINT)");
        Plan plan = migrator.plan("blog", Fixtures.models("blog", Fixtures.V1.class), List.of());
        assertEquals("table blog_post for model blog.Post exists, but Tessera has no record of creating it: drop or"
                + " rename that table, or remove it from the database", plan.refusal());
    }

    @Test
    public void shippedStepsThatLeaveTheTablesUnlikeTheModelsFailAndAreUndone() throws Exception {
        migrate(Fixtures.V1.class, List.of());
        Outcome o = migrate(Fixtures.V2Removed.class, steps(
                "0002_noop.sql", "ALTER TABLE blog_post ADD COLUMN extra INT;",
                "0002_noop.undo.sql", "ALTER TABLE blog_post DROP COLUMN IF EXISTS extra;"));
        assertEquals(Outcome.Status.FAILED, o.status());
        assertTrue(o.reason(), o.reason().startsWith("after the shipped steps ran, the tables still differ from the"
                + " models: field blog.Post.views was removed"));
        assertEquals(List.of("id BIGINT not null", "title CHARACTER VARYING not null", "author BIGINT not null",
                "views INTEGER"), db.columns("blog_post"));
    }
}
