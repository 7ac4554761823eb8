package io.tessera.data.internal.access;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import io.tessera.data.DataException;
import io.tessera.data.internal.schema.ColumnKind;

/**
 * One field of a model class as a column: its names, how it is stored, and how its value is read
 * from and written to an instance. Immutable.
 *
 * <p>Core reflection, not method handles: a handle kept in a field cannot be inlined, and in this
 * JDK's measurements here reading a record through accessor {@code Method}s cost about half as much.
 *
 * @param field    the field's name in the class ({@code createdAt})
 * @param name     the column's unquoted name ({@code created_at})
 * @param quoted   the column's name for SQL ({@code "CREATED_AT"} on H2)
 * @param accessor a record's accessor; {@code null} for a plain class
 * @param javaField a plain class's field (accessible); {@code null} for a record
 * @param owner    the model's key, for messages ({@code blog.Post})
 */
record Column(String field, String name, String quoted, Class<?> type, ColumnKind kind, Method accessor,
        Field javaField, String owner) {

    /** The value of this field in {@code row}. */
    Object get(Object row) {
        try {
            return accessor != null ? accessor.invoke(row) : javaField.get(row);
        } catch (InvocationTargetException e) {
            throw new DataException("the accessor of field \"" + field + "\" of " + owner + " failed: " + e.getCause(),
                    e.getCause());
        } catch (IllegalAccessException e) {
            throw new DataException("cannot read field \"" + field + "\" of " + owner + ": " + e, e);
        }
    }

    /** Sets this field of {@code row} (a plain class) to {@code value}. */
    void set(Object row, Object value) {
        try {
            javaField.set(row, value);
        } catch (IllegalAccessException e) {
            throw new DataException("cannot set field \"" + field + "\" of " + owner + ": " + e, e);
        }
    }

    /** {@code field "votes" (int) of polls.Choice}, for messages. */
    String describe() {
        return "field \"" + field + "\" (" + type.getSimpleName() + ") of " + owner;
    }
}
