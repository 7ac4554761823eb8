package io.tessera.data.internal.schema;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.core.spi.Preparation;
import io.tessera.data.internal.Dialect;

/**
 * The applier as the data participant calls it, and the shell's apps:migrations, apps:sqlmigrate and
 * apps:purge, on a real H2 database (the apps are plain descriptions: no framework here).
 */
public class MigrationCommandsTest {

    private final TestDatabase db = new TestDatabase();
    private final Map<String, Map<String, String>> shipped = new HashMap<>();
    private final SchemaApplier applier = new SchemaApplier(app -> ShippedSteps.of(shipped.getOrDefault(app.label(), Map.of())));
    private final List<App> apps = new ArrayList<>();
    private final MigrationCommands commands = new MigrationCommands(() -> applier.migrator(db.dataSource(), Dialect.H2),
            applier, new MigrationCommands.Apps() {
                @Override
                public List<App> all() {
                    return apps;
                }

                @Override
                public Optional<App> find(String label) {
                    return apps.stream().filter(a -> a.label().equals(label)).findFirst();
                }
            });

    /** A preparation that keeps what it was told. */
    private static final class Recorded implements Preparation {
        final App app;
        final List<String> progress = new ArrayList<>();

        Recorded(App app) {
            this.app = app;
        }

        @Override
        public App app() {
            return app;
        }

        @Override
        public void progress(String what) {
            progress.add(what);
        }

        @Override
        public void waiting(String reason) {
            throw new AssertionError("waiting " + reason);
        }

        @Override
        public void done() {
            throw new AssertionError("the applier returns; the participant reports done");
        }

        @Override
        public void failed(String reason) {
            throw new AssertionError("the applier throws; the participant reports failed");
        }

        @Override
        public void revoke(String reason) {
            throw new AssertionError("revoke " + reason);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    private App deploy(String label, AppState state, Class<?> version) throws Exception {
        apps.removeIf(a -> a.label().equals(label));
        App app = new TestApp(label, state, Fixtures.models(label, version));
        apps.add(app);
        return app;
    }

    private void prepare(App app) throws Exception {
        applier.apply(app, db.dataSource(), Dialect.H2, new Recorded(app));
    }

    @Test
    public void theApplierFailsWithTheReasonAnOperatorReads() throws Exception {
        prepare(deploy("blog", AppState.PREPARING, Fixtures.V1.class));
        try {
            prepare(deploy("blog", AppState.PREPARING, Fixtures.V2Removed.class));
            throw new AssertionError("applied a lossy change");
        } catch (SchemaException e) {
            assertEquals("field blog.Post.views was removed, and column blog_post.views holds its data: ship a step"
                    + " that drops it (ALTER TABLE blog_post DROP COLUMN views), or restore the field", e.getMessage());
        }
        shipped.put("blog", Map.of("bad name.sql", ""));
        try {
            prepare(deploy("blog", AppState.PREPARING, Fixtures.V1.class));
            throw new AssertionError("read a badly named step");
        } catch (SchemaException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("TESSERA-INF/migrations/bad name.sql is not named as a step"));
        }
    }

    @Test
    public void migrationsListsAppliedAndPendingStepsAndSqlmigrateShowsTheirSql() throws Exception {
        prepare(deploy("blog", AppState.READY, Fixtures.V1.class));
        deploy("blog", AppState.FAILED, Fixtures.V2Renamed.class);
        shipped.put("blog", Map.of("0002_rename_title.sql", "ALTER TABLE blog_post RENAME COLUMN title TO headline;",
                "0002_rename_title.undo.sql", "ALTER TABLE blog_post RENAME COLUMN headline TO title;"));
        String out = commands.migrations("blog");
        String[] lines = out.split("\n");
        assertEquals(out, 4, lines.length);
        assertEquals("blog FAILED", lines[0]);
        assertTrue(out, lines[1].matches("  \\[X\\]   1 auto_create_blog_author +derived +\\S+Z  create table blog_author for model blog.Author"));
        assertTrue(out, lines[2].startsWith("  [X]   2 auto_create_blog_post "));
        assertTrue(out, lines[3].matches("  \\[ \\]     0002_rename_title +shipped +pending  shipped step TESSERA-INF/migrations/0002_rename_title.sql"));
        assertEquals("-- 0002_rename_title: shipped step TESSERA-INF/migrations/0002_rename_title.sql\n"
                + "ALTER TABLE blog_post RENAME COLUMN title TO headline;", commands.sqlmigrate("blog", "0002_rename_title"));
        assertEquals("step 'auto_create_blog_post' of blog is applied already; pending: 0002_rename_title",
                commands.sqlmigrate("blog", "auto_create_blog_post"));
        // nothing ran
        assertEquals(List.of("id BIGINT not null", "title CHARACTER VARYING not null", "author BIGINT not null",
                "views INTEGER"), db.columns("blog_post"));
    }

    @Test
    public void pendingDerivedStepsShowTheirSqlAndARefusalIsShown() throws Exception {
        prepare(deploy("blog", AppState.READY, Fixtures.V1.class));
        deploy("blog", AppState.FAILED, Fixtures.V2Additive.class);
        assertEquals("-- auto_add_blog_post_likes: add column blog_post.likes for field blog.Post.likes\n"
                + "ALTER TABLE \"BLOG_POST\" ADD COLUMN \"LIKES\" INTEGER DEFAULT 0 NOT NULL;",
                commands.sqlmigrate("blog", "auto_add_blog_post_likes"));
        deploy("blog", AppState.FAILED, Fixtures.V2Removed.class);
        assertTrue(commands.migrations("blog"), commands.migrations("blog").endsWith("  pending steps cannot run: field"
                + " blog.Post.views was removed, and column blog_post.views holds its data: ship a step that drops it"
                + " (ALTER TABLE blog_post DROP COLUMN views), or restore the field"));
    }

    @Test
    public void anAppThatIsGoneIsStillListedWithItsTables() throws Exception {
        prepare(deploy("blog", AppState.READY, Fixtures.V1.class));
        apps.clear();
        String out = commands.migrations();
        assertTrue(out, out.startsWith("blog (no app has this label now; its tables remain: blog_author, blog_post;"
                + " apps:purge blog drops them)\n  [X]   1 auto_create_blog_author"));
    }

    @Test
    public void purgeNamesWhatItDropsAsksForYesAndRefusesAReadyApp() throws Exception {
        prepare(deploy("blog", AppState.READY, Fixtures.V1.class));
        assertEquals("refused: app blog is READY; purge drops the tables of an app that is not READY: stop or disable"
                + " it first (apps:disable blog)", commands.purge("blog", "--yes"));
        deploy("blog", AppState.STOPPED, Fixtures.V1.class);
        assertEquals("apps:purge blog would drop tables blog_author, blog_post and forget 2 recorded steps of blog;"
                + " their rows are lost. Run apps:purge blog --yes to drop them.", commands.purge("blog"));
        assertTrue(db.tables().contains("blog_post"));
        assertEquals("dropped tables blog_author, blog_post; forgot 2 recorded steps of blog", commands.purge("--yes", "blog"));
        assertEquals(List.of("tessera_migration", "tessera_migration_set", "tessera_schema"), db.tables());
        assertEquals(List.of(), db.rows("SELECT * FROM tessera_migration"));
        assertEquals("no tables of blog are recorded: nothing to purge", commands.purge("blog"));
        assertEquals("usage: apps:purge LABEL [--yes]", commands.purge());
        // the app comes back: a fresh install
        prepare(deploy("blog", AppState.PREPARING, Fixtures.V1.class));
        assertTrue(db.tables().contains("blog_post"));
    }

    @Test
    public void purgeIsRefusedWhileAnotherAppsForeignKeyPointsIn() throws Exception {
        prepare(deploy("blog", AppState.READY, Fixtures.V1.class));
        prepare(deploy("notes", AppState.READY, Notes.class));
        deploy("blog", AppState.DISABLED, Fixtures.V1.class);
        assertEquals("refused: other tables' foreign keys point into the tables of blog: notes_note.post -> blog_post;"
                + " purge or change those apps first", commands.purge("blog", "--yes"));
        assertTrue(db.tables().contains("blog_post"));
        deploy("notes", AppState.STOPPED, Notes.class);
        assertEquals("dropped tables notes_note; forgot 1 recorded steps of notes", commands.purge("notes", "--yes"));
        assertEquals("dropped tables blog_author, blog_post; forgot 2 recorded steps of blog", commands.purge("blog", "--yes"));
    }

    /** An app whose model points into blog's table. */
    static final class Notes {
        record Note(long id, @io.tessera.core.ModelRef("blog.Post") long post, String text) {
        }
    }
}
