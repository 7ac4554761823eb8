package io.tessera.data.internal.schema;

import java.util.List;
import java.util.Map;

import io.tessera.data.internal.Dialect;

/**
 * Run in a JVM of its own by {@link KilledMigrationTest}: migrates app blog on an H2 file database
 * and stops in the middle of the set, so that the test can kill it there with SIGKILL.
 * {@code derived}: from V1 to V2Additive, halting before the third step (two are applied);
 * {@code shipped}: from V1 to V2Renamed with a shipped step that renames a column and then sleeps.
 */
public final class InterruptedMigrationChild {

    public static void main(String[] args) throws Exception {
        TestDatabase db = new TestDatabase(args[0]);
        SchemaMigrator migrator = new SchemaMigrator(db.dataSource(), Dialect.H2);
        Plan plan = args[1].equals("derived")
                ? migrator.plan("blog", Fixtures.models("blog", Fixtures.V2Additive.class), List.of())
                : migrator.plan("blog", Fixtures.models("blog", Fixtures.V2Renamed.class), ShippedSteps.of(Map.of(
                        "0002_rename_title.sql", "ALTER TABLE blog_post RENAME COLUMN title TO headline;\nCALL NAP(600000);",
                        "0002_rename_title.undo.sql", "ALTER TABLE blog_post ALTER COLUMN IF EXISTS headline RENAME TO title;")));
        Outcome o = migrator.apply(plan, () -> false, what -> {
            System.out.println(what);
            System.out.flush();
            if (what.startsWith("migrating: step 3,")) {
                System.out.println("HALTED");
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        System.out.println("ENDED " + o);
    }
}
