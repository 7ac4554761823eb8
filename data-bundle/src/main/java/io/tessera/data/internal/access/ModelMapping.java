package io.tessera.data.internal.access;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tessera.core.Model;
import io.tessera.core.ModelField;
import io.tessera.data.DataException;
import io.tessera.data.internal.Dialect;
import io.tessera.data.internal.schema.ColumnKind;
import io.tessera.data.internal.schema.Identifiers;

/**
 * How the rows of one model class map to one table: its columns in field order, its id, and how
 * instances are built (a record through its canonical constructor, a plain class through its
 * no-argument constructor and its fields). Built once per app and class; immutable and thread-safe.
 */
final class ModelMapping<T> {

    final Model model;
    final Class<T> type;
    /** Unquoted ({@code blog_post}) and quoted ({@code "blog_post"}). */
    final String table;
    final String quotedTable;
    final List<Column> columns;
    final Map<String, Column> byField;
    /** The index of the {@code id} column, or -1. */
    final int idIndex;
    private final Constructor<T> constructor; // a record's canonical one, or a class's no-argument one

    /** The id column's name as the database reports it, for generated keys. */
    final String idName;

    private ModelMapping(Model model, Class<T> type, String table, Dialect dialect, List<Column> columns,
            Constructor<T> constructor) {
        this.model = model;
        this.type = type;
        this.table = table;
        this.quotedTable = Identifiers.quoted(dialect, table);
        this.idName = Identifiers.folded(dialect, "id");
        this.columns = List.copyOf(columns);
        Map<String, Column> map = new HashMap<>();
        int id = -1;
        for (int i = 0; i < columns.size(); i++) {
            map.put(columns.get(i).field(), columns.get(i));
            if (columns.get(i).field().equals("id")) {
                id = i;
            }
        }
        this.byField = Map.copyOf(map);
        this.idIndex = id;
        this.constructor = constructor;
    }

    /**
     * The mapping of {@code type}, described by {@code model}, to {@code table}.
     *
     * @throws DataException if a field's type cannot be stored, or a plain class has no no-argument constructor
     */
    static <T> ModelMapping<T> of(Model model, Class<T> type, String table, Dialect dialect) {
        List<Column> columns = new ArrayList<>();
        try {
            for (ModelField f : model.fields()) {
                Class<?> ft = f.type();
                java.lang.reflect.Type generic;
                Method accessor = null;
                Field field = null;
                if (type.isRecord()) {
                    accessor = type.getDeclaredMethod(f.name());
                    accessor.setAccessible(true);
                    generic = accessor.getGenericReturnType();
                } else {
                    field = field(type, f.name());
                    field.setAccessible(true);
                    generic = field.getGenericType();
                }
                ColumnKind kind = ColumnKind.of(ft, generic);
                if (kind == null) {
                    throw new DataException("field \"" + f.name() + "\" of " + model + " has the type " + f.typeName()
                            + ", which Tessera cannot store; use " + JdbcTypes.TYPES);
                }
                String column = Identifiers.column(f.name());
                columns.add(new Column(f.name(), column, Identifiers.quoted(dialect, column), ft, kind, accessor, field,
                        model.key()));
            }
            Constructor<T> constructor;
            if (type.isRecord()) {
                RecordComponent[] rc = type.getRecordComponents();
                Class<?>[] params = new Class<?>[rc.length];
                for (int i = 0; i < rc.length; i++) {
                    params[i] = rc[i].getType();
                    if (i >= columns.size() || !columns.get(i).field().equals(rc[i].getName())) {
                        throw new NoSuchFieldException("the record's components are not the model's fields in order");
                    }
                }
                if (rc.length != columns.size()) {
                    throw new NoSuchFieldException("the record has fewer components than the model has fields");
                }
                constructor = type.getDeclaredConstructor(params);
            } else {
                try {
                    constructor = type.getDeclaredConstructor();
                } catch (NoSuchMethodException e) {
                    throw new DataException("model " + model + " (" + type.getName() + ") is a class without a"
                            + " no-argument constructor, so Tessera cannot build its rows: add one (any visibility),"
                            + " or make it a record");
                }
            }
            constructor.setAccessible(true);
            return new ModelMapping<>(model, type, table, dialect, columns, constructor);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof DataException d) {
                throw d;
            }
            throw new DataException("model " + model + " does not match its class " + type.getName() + " (" + e
                    + "); was the bundle built from the same sources as its model index?", e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    return f;
                }
            }
        }
        throw new NoSuchFieldException(name);
    }

    /** The column of a field named as in the class. */
    Column column(String field) {
        Column c = byField.get(field);
        if (c == null) {
            throw new DataException("unknown field \"" + field + "\" in " + model
                    + SqlNames.didYouMean(field, fieldNames()) + " Its fields: " + String.join(", ", fieldNames()));
        }
        return c;
    }

    /** The id column. */
    Column id(String operation) {
        if (idIndex < 0) {
            throw new DataException("cannot " + operation + " " + model + " by id: it has no field named \"id\"; its fields: "
                    + String.join(", ", fieldNames()));
        }
        return columns.get(idIndex);
    }

    List<String> fieldNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.field());
        }
        return names;
    }

    /** A new instance with these field values, in column order. */
    T newRow(Object[] values) {
        try {
            if (type.isRecord()) {
                return constructor.newInstance(values);
            }
            T row = constructor.newInstance();
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null || !columns.get(i).type().isPrimitive()) {
                    columns.get(i).set(row, values[i]);
                }
            }
            return row;
        } catch (InvocationTargetException e) {
            throw new DataException("the constructor of " + model + " (" + type.getName() + ") failed: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new DataException("cannot build a row of " + model + ": " + e, e);
        }
    }

    /** The values of {@code row}'s fields, in column order. */
    Object[] values(T row) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = columns.get(i).get(row);
        }
        return values;
    }

    /** The row read from the current row of {@code rs}, whose columns are this mapping's, in order. */
    T read(ResultSet rs) throws SQLException {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            values[i] = JdbcTypes.read(rs, i + 1, c.kind(), c.type());
            if (values[i] == null && c.type().isPrimitive()) {
                throw nullInPrimitive(c);
            }
        }
        return newRow(values);
    }

    /**
     * The rows of a plain SQL query, matched to fields by column label (case-insensitive, snake or
     * field name); unmatched fields keep their default ({@code 0}, {@code false}, {@code null}).
     */
    List<T> readByLabel(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int[] from = new int[columns.size()]; // column index in rs, or 0
        for (int j = 1; j <= meta.getColumnCount(); j++) {
            String label = meta.getColumnLabel(j).toLowerCase(Locale.ROOT);
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                if (from[i] == 0 && (label.equals(c.name()) || label.equals(c.field().toLowerCase(Locale.ROOT)))) {
                    from[i] = j;
                }
            }
        }
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                Column c = columns.get(i);
                values[i] = from[i] == 0 ? null : JdbcTypes.read(rs, from[i], c.kind(), c.type());
                if (values[i] == null && c.type().isPrimitive()) {
                    if (from[i] != 0) {
                        throw nullInPrimitive(c);
                    }
                    values[i] = defaultOf(c.type());
                }
            }
            rows.add(newRow(values));
        }
        return rows;
    }

    /** {@code row}, whose field values are {@code values}, with its id set: a new record, or {@code row} itself. */
    T withId(T row, Object[] values, Object id) {
        if (!type.isRecord()) {
            columns.get(idIndex).set(row, id);
            return row;
        }
        values[idIndex] = id;
        return newRow(values);
    }

    private DataException nullInPrimitive(Column c) {
        return new DataException("column " + c.name() + " of table " + table + " is NULL, but " + c.describe()
                + " is a primitive; make the field's type " + boxName(c.type()) + ", or the column NOT NULL");
    }

    private static String boxName(Class<?> primitive) {
        return MethodType.methodType(primitive).wrap().returnType().getSimpleName();
    }

    private static Object defaultOf(Class<?> primitive) {
        return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(primitive, 1), 0);
    }

    @Override
    public String toString() {
        return model + " in " + table;
    }
}
