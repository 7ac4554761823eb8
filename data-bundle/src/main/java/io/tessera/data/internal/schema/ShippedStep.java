package io.tessera.data.internal.schema;

import java.util.List;

/**
 * A migration step an app ships in its bundle: {@code TESSERA-INF/migrations/0002_rename_title.sql},
 * and optionally {@code 0002_rename_title.undo.sql} beside it, which takes it back (Tessera runs it
 * on H2 when a later step of the same set fails). Immutable.
 *
 * @param version  the leading number ({@code 2})
 * @param id       the file name without {@code .sql} ({@code 0002_rename_title})
 * @param path     where it is in the bundle, for messages
 * @param script   the file's text
 * @param undo     the undo file's text; {@code null} if there is none
 */
public record ShippedStep(int version, String id, String path, String script, String undo) {

    /** SHA-256 of the script with line ends made {@code \n}, so a checkout's line ends do not change it. */
    public String checksum() {
        return SchemaDescription.sha256(script.replace("\r\n", "\n"));
    }

    Step step() {
        return new Step(id, Step.Kind.SHIPPED, "shipped step " + path, SqlScript.statements(script),
                undo == null ? null : SqlScript.statements(undo), checksum());
    }

    Step baseline() {
        return new Step(id, Step.Kind.BASELINE, "shipped step " + path + ", not run: the tables were created at the"
                + " models' current shape", List.of(), List.of(), checksum());
    }
}
