package io.tessera.data.internal.schema;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.tessera.data.internal.Dialect;

/**
 * {@code kill -9} during a migration on an H2 file database: a JVM of its own applies a set and is
 * killed with SIGKILL in the middle; the next run finds the set written ahead, undoes it, and the
 * schema and the record are those from before the whole set.
 */
public class KilledMigrationTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Process child;

    @After
    public void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    /**
     * WRITE_DELAY=0: each commit reaches the file before the statement returns. With H2's default
     * (500 ms) a killed process loses its last commits; what is on file is then an earlier state in
     * the same order (the write-ahead rows always before the DDL they cover), so the set is still
     * before or after as a whole, but the test could not tell that the undo ran.
     */
    private String url() {
        return "jdbc:h2:" + tmp.getRoot().toPath().resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    private TestDatabase atV1() throws Exception {
        TestDatabase db = new TestDatabase(url());
        SchemaMigrator migrator = new SchemaMigrator(db.dataSource(), Dialect.H2);
        assertEquals(Outcome.Status.DONE, migrator.apply(migrator.plan("blog", Fixtures.models("blog", Fixtures.V1.class),
                List.of()), () -> false, what -> { }).status());
        db.execute("INSERT INTO blog_author (name) VALUES ('ann')", "INSERT INTO blog_post (title, author) VALUES ('hi', 1)",
                "CREATE ALIAS IF NOT EXISTS NAP FOR 'java.lang.Thread.sleep'");
        return db;
    }

    /** Starts the child and returns the queue of its output lines. */
    private BlockingQueue<String> start(String mode) throws Exception {
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), InterruptedMigrationChild.class.getName(), url(), mode)
                .redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("READ FAILED " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static void awaitLine(BlockingQueue<String> lines, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (line.startsWith(wanted)) {
                    return;
                }
            }
        }
        throw new AssertionError("the child never printed '" + wanted + "'; it printed:\n" + seen);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private void kill() throws InterruptedException {
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue());
    }

    private void assertBackAtV1(TestDatabase db) throws Exception {
        SchemaMigrator restarted = new SchemaMigrator(db.dataSource(), Dialect.H2);
        assertTrue(restarted.recorded("blog").interrupted());
        Plan plan = restarted.plan("blog", Fixtures.models("blog", Fixtures.V1.class), List.of());
        assertTrue(plan.interrupted());
        Outcome o = restarted.apply(plan, () -> false, what -> { });
        assertEquals(o.reason(), Outcome.Status.DONE, o.status());
        assertEquals(List.of("blog_author", "blog_post", "tessera_migration", "tessera_migration_set", "tessera_schema"),
                db.tables());
        assertEquals(List.of("id BIGINT not null", "name CHARACTER VARYING not null"), db.columns("blog_author"));
        assertEquals(List.of("id BIGINT not null", "title CHARACTER VARYING not null", "author BIGINT not null",
                "views INTEGER"), db.columns("blog_post"));
        assertEquals(List.of("1|hi"), db.rows("SELECT id, title FROM blog_post"));
        assertEquals(List.of("auto_create_blog_author", "auto_create_blog_post"),
                db.rows("SELECT step FROM tessera_migration ORDER BY seq"));
        assertEquals(List.of(ModelSchema.describe("blog", Fixtures.models("blog", Fixtures.V1.class)).encode()),
                db.rows("SELECT description FROM tessera_schema"));
        assertFalse(restarted.recorded("blog").interrupted());
    }

    @Test
    public void killedBetweenDerivedStepsTheNextRunUndoesTheWholeSet() throws Exception {
        TestDatabase db = atV1();
        BlockingQueue<String> lines = start("derived");
        awaitLine(lines, "HALTED");
        assertTrue(db.tables().contains("blog_tag")); // two steps of the set are in the database
        kill();
        assertBackAtV1(db);
    }

    @Test
    public void killedInsideAShippedStepTheNextRunUndoesIt() throws Exception {
        TestDatabase db = atV1();
        BlockingQueue<String> lines = start("shipped");
        awaitLine(lines, "migrating: step 1, 0002_rename_title");
        await(() -> {
            try {
                return db.columns("blog_post").contains("headline CHARACTER VARYING not null");
            } catch (java.sql.SQLException e) {
                return false;
            }
        }, "the step renamed the column (and sleeps)");
        kill();
        assertBackAtV1(db);
    }
}
