package io.tessera.data.internal.schema;

import java.util.List;

/**
 * One step of a plan: a change Tessera derived from the models, or a step the app shipped. Immutable.
 *
 * @param id          {@code 0002_rename_title} for a shipped step; {@code auto_...} for a derived one
 * @param kind        where it comes from
 * @param description what it does, for an operator
 * @param statements  the SQL it runs, in order
 * @param undo        the SQL that takes it back, in order (idempotent); {@code null} when nothing can
 *                    (a shipped step without an undo file)
 * @param checksum    SHA-256 of a shipped step's file; of the statements for a derived one
 */
public record Step(String id, Kind kind, String description, List<String> statements, List<String> undo,
        String checksum) {

    /** Where a step comes from. */
    public enum Kind {
        /** Derived from the models by Tessera. */
        DERIVED,
        /** Shipped by the app in {@code TESSERA-INF/migrations}. */
        SHIPPED,
        /** Shipped, but recorded without running: the app's tables were created at their current shape. */
        BASELINE
    }

    public Step {
        statements = List.copyOf(statements);
        undo = undo == null ? null : List.copyOf(undo);
    }

    static Step derived(String id, String description, List<String> statements, List<String> undo) {
        return new Step(id, Kind.DERIVED, description, statements, undo,
                SchemaDescription.sha256(String.join(";\n", statements)));
    }

    /** The SQL as {@code apps:sqlmigrate} prints it: each statement ended by a semicolon. */
    public String script() {
        StringBuilder out = new StringBuilder();
        for (String s : statements) {
            out.append(s).append(";\n");
        }
        return out.toString();
    }
}
