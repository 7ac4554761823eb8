package io.tessera.data.internal.access;

import java.lang.invoke.MethodHandle;

import io.tessera.data.DataException;

/**
 * One field of a model class as a column: its names, how it is stored, and how its value is read
 * from and written to an instance. Immutable.
 *
 * @param field  the field's name in the class ({@code createdAt})
 * @param name   the column's unquoted name ({@code created_at})
 * @param quoted the column's name for SQL ({@code "created_at"})
 * @param getter {@code (Object row) -> Object value}
 * @param setter {@code (Object row, Object value) -> void}; {@code null} for a record
 * @param owner  the model's key, for messages ({@code blog.Post})
 */
record Column(String field, String name, String quoted, Class<?> type, JdbcTypes.Kind kind, MethodHandle getter,
        MethodHandle setter, String owner) {

    /** The value of this field in {@code row}. */
    Object get(Object row) {
        try {
            return (Object) getter.invokeExact(row);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new DataException("cannot read field \"" + field + "\" of " + owner + ": " + t, t);
        }
    }

    /** Sets this field of {@code row} (a plain class) to {@code value}. */
    void set(Object row, Object value) {
        try {
            setter.invokeExact(row, value);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new DataException("cannot set field \"" + field + "\" of " + owner + ": " + t, t);
        }
    }

    /** {@code field "votes" (int) of polls.Choice}, for messages. */
    String describe() {
        return "field \"" + field + "\" (" + type.getSimpleName() + ") of " + owner;
    }
}
