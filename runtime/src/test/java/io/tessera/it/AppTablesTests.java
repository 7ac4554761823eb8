package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;

import org.junit.Test;
import org.osgi.framework.Bundle;

import io.tessera.core.AppState;

/**
 * Apps' tables in the real framework, with the real data bundle applying their schema as they
 * arrive: tables on arrival, a new field's column on update (rows kept), a removed field refused
 * with its reason, a shipped step, a step that takes 10 s while other apps come and go and its
 * bundle is stopped, a failing step at {@code apps:enable}, rows kept across disable, uninstall and
 * reinstall, and {@code apps:purge} through the real shell. Run on H2 ({@link AppTablesH2IT}) and on
 * a real PostgreSQL server ({@link AppTablesPostgresIT}); the subclasses say how to read the
 * database and write the SQL that differs.
 */
public abstract class AppTablesTests extends DataTestSupport {

    /** Runs {@code statement} on the database the apps use; the first column of the first row, or "". */
    protected abstract String sql(String statement);

    /** The table's columns in order, comma-separated, in lower case ("" when there is no such table). */
    protected abstract String columns(String table);

    /** A step that adds column {@code rank} to {@code table} and then sleeps {@code seconds}, and its undo ("" if none). */
    protected abstract String[] slowStep(String table, int seconds);

    /** Whether the database shows a step's DDL to others before the set ends (H2 commits DDL at once). */
    protected abstract boolean ddlVisibleBeforeTheSetEnds();

    /** Whether a statement of a sleeping step is still running on the server. */
    protected abstract boolean stepStillRunning();

    /** The database's message for a column of type INTEGRAL, which does not exist. */
    protected abstract String unknownTypeMessage();

    private static TestBundles v2(String label, String... models) {
        return TestBundles.app(label).version("2.0.0").models(models);
    }

    private void update(Bundle b, TestBundles next) throws Exception {
        b.update(new ByteArrayInputStream(next.build()));
    }

    private String reason(String label) {
        return registry.app(label).reason();
    }

    @Test
    public void anAppWithTwoModelsGetsItsTablesOnArrival() throws Exception {
        installAndStart(TestBundles.app("dt_fresh"));
        awaitState("dt_fresh", AppState.READY);
        assertEquals("id,title", columns("dt_fresh_alpha"));
        assertEquals("id,weight", columns("dt_fresh_beta"));
        sql("INSERT INTO dt_fresh_alpha (title) VALUES ('first')");
        assertEquals("an id is generated", "1", sql("SELECT id FROM dt_fresh_alpha WHERE title = 'first'"));
        String m = shell("apps:migrations dt_fresh");
        assertTrue(m, m.startsWith("dt_fresh READY\n  [X]"));
        assertFalse(m, m.contains("[ ]"));
        assertExamplesReady();
    }

    @Test
    public void theExamplesWriteAndReadTheirRowsThroughTheDataApi() throws Exception {
        settle();
        assertExamplesReady();
        assertEquals("2", sql("SELECT count(*) FROM auth_user"));
        assertEquals("Hello, Tessera by alice", sql("SELECT p.title || ' by ' || u.username FROM blog_post p"
                + " JOIN auth_user u ON u.id = p.author ORDER BY p.id"));
        assertEquals("2", sql("SELECT count(*) FROM blog_post"));
        assertEquals("7", sql("SELECT sum(votes) FROM polls_choice"));
        assertEquals("one question, seeded once", "1", sql("SELECT count(*) FROM polls_question"));
    }

    @Test
    public void aNewFieldAddsItsColumnOnUpdateAndTheRowsStay() throws Exception {
        Bundle b = installAndStart(TestBundles.app("dt_grow"));
        awaitState("dt_grow", AppState.READY);
        sql("INSERT INTO dt_grow_alpha (title) VALUES ('kept')");
        update(b, v2("dt_grow", "grown.Alpha", "Beta"));
        awaitState("dt_grow", AppState.READY);
        assertEquals("id,title,rank", columns("dt_grow_alpha"));
        assertEquals("kept", sql("SELECT title FROM dt_grow_alpha"));
        assertEquals("null", sql("SELECT rank FROM dt_grow_alpha"));
        assertEquals("1", sql("SELECT count(*) FROM dt_grow_alpha"));
    }

    @Test
    public void aRemovedFieldWithoutAStepKeepsTheAppFromReadyWithTheReason() throws Exception {
        Bundle b = installAndStart(TestBundles.app("dt_shrink"));
        awaitState("dt_shrink", AppState.READY);
        sql("INSERT INTO dt_shrink_alpha (title) VALUES ('kept')");
        update(b, v2("dt_shrink", "shrunk.Alpha", "Beta"));
        awaitState("dt_shrink", AppState.FAILED);
        assertTrue(reason("dt_shrink"), reason("dt_shrink").contains("field dt_shrink.Alpha.title was removed, and column"
                + " dt_shrink_alpha.title holds its data: ship a step that drops it (ALTER TABLE dt_shrink_alpha DROP"
                + " COLUMN title), or restore the field"));
        assertEquals("id,title", columns("dt_shrink_alpha"));
        assertEquals("kept", sql("SELECT title FROM dt_shrink_alpha"));
        settle();
        assertExamplesReady();
    }

    @Test
    public void aShippedStepRenamesAColumnAndTheRowsFollow() throws Exception {
        Bundle b = installAndStart(TestBundles.app("dt_ren"));
        awaitState("dt_ren", AppState.READY);
        sql("INSERT INTO dt_ren_alpha (title) VALUES ('old title')");
        update(b, v2("dt_ren", "renamed.Alpha", "Beta")
                .resource("TESSERA-INF/migrations/0002_rename_title.sql", "ALTER TABLE dt_ren_alpha RENAME COLUMN title TO heading;\n")
                .resource("TESSERA-INF/migrations/0002_rename_title.undo.sql",
                        "ALTER TABLE dt_ren_alpha RENAME COLUMN heading TO title;\n"));
        awaitState("dt_ren", AppState.READY);
        assertEquals("id,heading", columns("dt_ren_alpha"));
        assertEquals("old title", sql("SELECT heading FROM dt_ren_alpha"));
        String m = shell("apps:migrations dt_ren");
        assertTrue(m, m.matches("(?s)dt_ren READY\n.*  \\[X\\] +\\d+ 0002_rename_title .*"));
    }

    @Test
    public void aLongStepHoldsUpNobodyAndStoppingItsBundleIsAnsweredAtOnce() throws Exception {
        Bundle slow = installAndStart(TestBundles.app("dt_slow"));
        awaitState("dt_slow", AppState.READY);
        sql("INSERT INTO dt_slow_alpha (title) VALUES ('kept')");
        String[] step = slowStep("dt_slow_alpha", 10);
        TestBundles next = v2("dt_slow", "grown.Alpha", "Beta").resource("TESSERA-INF/migrations/0002_nap.sql", step[0]);
        if (!step[1].isEmpty()) {
            next.resource("TESSERA-INF/migrations/0002_nap.undo.sql", step[1]);
        }
        update(slow, next);
        await("dt_slow is PREPARING, migrating", () -> registry.app("dt_slow").state() == AppState.PREPARING
                && reason("dt_slow").startsWith("migrating: step 1, 0002_nap"));
        if (ddlVisibleBeforeTheSetEnds()) {
            await("the step's first statement ran", () -> columns("dt_slow_alpha").equals("id,title,rank"));
        }

        // meanwhile, other apps arrive (with tables and without), become READY and leave
        Bundle other = installAndStart(TestBundles.app("dt_meanwhile"));
        Bundle plain = installAndStart(TestBundles.app("dt_plain").models());
        awaitState("dt_meanwhile", AppState.READY);
        awaitState("dt_plain", AppState.READY);
        assertEquals("id,title", columns("dt_meanwhile_alpha"));
        other.uninstall();
        plain.stop();
        assertEquals(AppState.STOPPED, stateOf("dt_plain"));
        assertEquals("still migrating: " + reason("dt_slow"), AppState.PREPARING, stateOf("dt_slow"));
        assertTrue(reason("dt_slow"), reason("dt_slow").startsWith("migrating: step 1, 0002_nap"));

        slow.stop(); // answered at once: the registry does not wait for the step
        assertEquals(reason("dt_slow"), AppState.STOPPED, stateOf("dt_slow"));
        assertExamplesReady();

        // the step finishes (H2 cannot cancel a Java sleep) or is cancelled (PostgreSQL), and the set is then
        // either whole or undone, its record agreeing: nothing half-done
        await("the step is over", () -> !stepStillRunning());
        await("the tables and the record agree: the whole set applied, or none of it", () -> {
            try {
                String record = shell("apps:migrations dt_slow");
                if (record.contains("interrupted")) {
                    return false;
                }
                String tables = columns("dt_slow_alpha");
                return tables.equals("id,title,rank") ? record.matches("(?s).*  \\[X\\] +\\d+ 0002_nap .*")
                        : tables.equals("id,title") && record.contains("  [ ]     0002_nap");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals("kept", sql("SELECT title FROM dt_slow_alpha"));

        slow.start(); // and the whole set, this time to the end
        await("dt_slow is READY after its step", () -> stateOf("dt_slow") == AppState.READY, 40);
        assertEquals("id,title,rank", columns("dt_slow_alpha"));
        assertEquals("kept", sql("SELECT title FROM dt_slow_alpha"));
        String m = shell("apps:migrations dt_slow");
        assertTrue(m, m.matches("(?s)dt_slow READY\n.*  \\[X\\] +\\d+ 0002_nap .*"));
    }

    @Test
    public void aFailingStepAtEnableLeavesTheAppFailedAndDisabledAndEveryOtherAppReady() throws Exception {
        Bundle b = installAndStart(TestBundles.app("dt_fail"));
        awaitState("dt_fail", AppState.READY);
        sql("INSERT INTO dt_fail_alpha (title) VALUES ('kept')");
        shell("apps:disable dt_fail");
        awaitState("dt_fail", AppState.DISABLED);
        update(b, v2("dt_fail", "grown.Alpha", "Beta")
                .resource("TESSERA-INF/migrations/0002_broken.sql", "ALTER TABLE dt_fail_alpha ADD COLUMN rank INTEGRAL;\n")
                .resource("TESSERA-INF/migrations/0002_broken.undo.sql", "ALTER TABLE dt_fail_alpha DROP COLUMN IF EXISTS rank;\n"));
        settle();
        assertEquals(AppState.DISABLED, stateOf("dt_fail"));

        String out = shell("apps:enable dt_fail");
        assertTrue(out, out.startsWith("Cannot change 'dt_fail': 'dt_fail' stays disabled: its preparation failed: "));
        assertEquals(AppState.FAILED, stateOf("dt_fail"));
        String reason = reason("dt_fail");
        assertTrue(reason, reason.contains("migration step 0002_broken failed: "));
        assertTrue(reason, reason.contains(unknownTypeMessage()));
        assertTrue(shell("apps:info dt_fail"), shell("apps:info dt_fail").contains("\n  enabled:     no\n"));
        assertEquals("id,title", columns("dt_fail_alpha"));
        assertEquals("kept", sql("SELECT title FROM dt_fail_alpha"));
        settle();
        assertExamplesReady();
        b.stop();
        b.start();
        settle();
        assertEquals("the store still says disabled", AppState.DISABLED, stateOf("dt_fail"));
    }

    @Test
    public void rowsStayAcrossDisableUninstallAndReinstall() throws Exception {
        Bundle b = installAndStart(TestBundles.app("dt_keep"));
        awaitState("dt_keep", AppState.READY);
        sql("INSERT INTO dt_keep_alpha (title) VALUES ('kept')");
        shell("apps:disable dt_keep");
        awaitState("dt_keep", AppState.DISABLED);
        assertEquals("kept", sql("SELECT title FROM dt_keep_alpha"));
        shell("apps:enable dt_keep");
        awaitState("dt_keep", AppState.READY);
        b.uninstall();
        settle();
        assertEquals("kept", sql("SELECT title FROM dt_keep_alpha"));
        String m = shell("apps:migrations dt_keep");
        assertTrue(m, m.startsWith("dt_keep (no app has this label now; its tables remain: "));
        assertTrue(m, m.contains("; apps:purge dt_keep drops them)\n"));
        installAndStart(TestBundles.app("dt_keep"));
        awaitState("dt_keep", AppState.READY);
        assertEquals("kept", sql("SELECT title FROM dt_keep_alpha"));
        assertEquals("1", sql("SELECT count(*) FROM dt_keep_alpha"));
    }

    @Test
    public void purgeIsRefusedWhileReadyAndWhileAForeignKeyPointsInThenDropsTheTables() throws Exception {
        Bundle target = installAndStart(TestBundles.app("dt_target"));
        awaitState("dt_target", AppState.READY);
        Bundle pointer = installAndStart(TestBundles.app("dt_pointer").models("Pointer"));
        awaitState("dt_pointer", AppState.READY);
        assertEquals("refused: app dt_target is READY; purge drops the tables of an app that is not READY: stop or"
                + " disable it first (apps:disable dt_target)", shell("apps:purge dt_target").strip());

        target.stop();
        settle();
        String refused = shell("apps:purge dt_target --yes").strip();
        assertTrue(refused, refused.startsWith("refused: other tables' foreign keys point into the tables of dt_target: "));
        assertTrue(refused, refused.endsWith("; purge or change those apps first"));
        assertEquals("id,title", columns("dt_target_alpha"));

        pointer.uninstall();
        settle();
        String dropped = shell("apps:purge dt_pointer --yes").strip();
        assertTrue(dropped, dropped.startsWith("dropped tables "));
        assertEquals("", columns("dt_pointer_pointer"));

        String asks = shell("apps:purge dt_target").strip();
        assertTrue(asks, asks.matches("apps:purge dt_target would drop tables .*dt_target_alpha.* and forget \\d+ recorded"
                + " steps of dt_target; their rows are lost\\. Run apps:purge dt_target --yes to drop them\\."));
        assertEquals("asking drops nothing", "id,title", columns("dt_target_alpha"));
        String done = shell("apps:purge dt_target --yes").strip();
        assertTrue(done, done.startsWith("dropped tables "));
        assertEquals("", columns("dt_target_alpha"));
        assertEquals("", columns("dt_target_beta"));
        assertEquals("no tables of dt_target are recorded: nothing to purge", shell("apps:purge dt_target").strip());
        settle();
        assertExamplesReady();
    }

    /** As {@link #await(String, java.util.function.BooleanSupplier)}, with a deadline of its own in seconds. */
    protected static void await(String what, java.util.function.BooleanSupplier condition, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                org.junit.Assert.fail("timed out after " + seconds + " s waiting until " + what);
            }
            Thread.sleep(20); // polling interval of a bounded wait, not synchronisation
        }
    }
}
