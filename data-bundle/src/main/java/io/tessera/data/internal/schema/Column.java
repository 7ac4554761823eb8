package io.tessera.data.internal.schema;

import java.util.Objects;

/**
 * One column of a model's table, as Tessera derives it from a field and records it once applied.
 * Immutable.
 *
 * @param name         the column name ({@link Identifiers#column}), lower case
 * @param field        the model field it holds
 * @param kind         what it holds
 * @param length       the {@code @Length} of a String column; 0 for none
 * @param nullable     whether it may be null
 * @param primaryKey   whether it is the table's primary key (the field {@code id})
 * @param generated    whether the database generates a value when a row is inserted without one
 * @param references   the table a {@code @ModelRef} field points at ({@code auth_user}); {@code null} for none
 * @param unique       whether it has a unique constraint
 * @param indexed      whether it has an index of its own
 * @param defaultValue the {@code @Default} text; {@code null} for none
 */
public record Column(String name, String field, ColumnKind kind, int length, boolean nullable, boolean primaryKey,
        boolean generated, String references, boolean unique, boolean indexed, String defaultValue) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(kind, "kind");
    }

    /** The type as the diff compares it: kind and length. */
    String typeText() {
        return length > 0 ? kind + "(" + length + ")" : kind.toString();
    }

    /** This column with a different nullability. */
    Column withNullable(boolean value) {
        return new Column(name, field, kind, length, value, primaryKey, generated, references, unique, indexed,
                defaultValue);
    }
}
