package io.tessera.data.internal.schema;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/** Splitting shipped SQL files into statements, and reading a bundle's step files. */
public class SqlScriptTest {

    @Test
    public void semicolonsInQuotesCommentsAndDollarBodiesDoNotSplit() {
        assertEquals(List.of("UPDATE t SET a = 'x;y', b = 'it''s;'",
                "-- a comment; still a comment\nALTER TABLE \"we;ird\" ADD COLUMN c INT",
                "/* block; */ CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
                "DO $body$ BEGIN PERFORM 1; END $body$"),
                SqlScript.statements("UPDATE t SET a = 'x;y', b = 'it''s;';\n"
                        + "-- a comment; still a comment\nALTER TABLE \"we;ird\" ADD COLUMN c INT;\n\n"
                        + "/* block; */ CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
                        + "DO $body$ BEGIN PERFORM 1; END $body$\n;  -- trailing\n;"));
    }

    @Test
    public void stepsAreOrderedByNumberWithTheirUndoFiles() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("0010_later.sql", "SELECT 10");
        files.put("0002_rename_title.sql", "ALTER TABLE blog_post RENAME COLUMN title TO headline");
        files.put("0002_rename_title.undo.sql", "ALTER TABLE blog_post RENAME COLUMN headline TO title");
        List<ShippedStep> steps = ShippedSteps.of(files);
        assertEquals(List.of("0002_rename_title", "0010_later"), steps.stream().map(ShippedStep::id).toList());
        assertEquals(2, steps.get(0).version());
        assertEquals("ALTER TABLE blog_post RENAME COLUMN headline TO title", steps.get(0).undo());
        assertEquals(null, steps.get(1).undo());
        assertEquals(steps.get(0).checksum(), new ShippedStep(2, "x", "p", "ALTER TABLE blog_post RENAME COLUMN title"
                + " TO headline".replace("\n", "\r\n"), null).checksum());
    }

    @Test
    public void badFileNamesDuplicateNumbersAndStrayUndoFilesAreNamed() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("rename.sql", "");
        files.put("0002_a.sql", "");
        files.put("02_b.sql", "");
        files.put("0003_c.undo.sql", "");
        try {
            ShippedSteps.of(files);
            fail("read");
        } catch (SchemaException e) {
            String m = e.getMessage();
            assertTrue(m, m.contains("TESSERA-INF/migrations/rename.sql is not named as a step: NNNN_description.sql"));
            assertTrue(m, m.contains(" have the same number 2: renumber one of them"));
            assertTrue(m, m.contains("TESSERA-INF/migrations/0003_c.undo.sql undoes no step: there is no 0003_c.sql"));
        }
    }
}
