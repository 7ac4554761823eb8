package io.tessera.data.internal.access;

import java.lang.reflect.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.tessera.data.DataException;

/**
 * One condition of a query, parsed from a Django field lookup ({@code votes__gte}) and checked
 * against the field's type. Immutable.
 */
record Condition(Column column, Op op, List<Object> values) {

    /** The lookups, by their Django suffix. */
    enum Op {
        EXACT("exact", "="), NE("ne", "<>"), GT("gt", ">"), GTE("gte", ">="), LT("lt", "<"), LTE("lte", "<="),
        IN("in", "IN"), ISNULL("isnull", "IS NULL");

        final String suffix;
        final String sql;

        Op(String suffix, String sql) {
            this.suffix = suffix;
            this.sql = sql;
        }

        static Op of(String suffix) {
            for (Op op : values()) {
                if (op.suffix.equals(suffix)) {
                    return op;
                }
            }
            return null;
        }

        static List<String> suffixes() {
            List<String> s = new ArrayList<>();
            for (Op op : values()) {
                s.add("__" + op.suffix);
            }
            return s;
        }
    }

    /**
     * Parses {@code lookup} ({@code author}, {@code votes__gt}) with {@code value} for {@code mapping}.
     *
     * @throws DataException for an unknown field or lookup, or a value that does not fit
     */
    static Condition parse(ModelMapping<?> mapping, String lookup, Object value) {
        if (lookup == null || lookup.isEmpty()) {
            throw new DataException("where() of " + mapping.model + " needs a field name, such as where(\"id\", 1)");
        }
        String field = lookup;
        Op op = Op.EXACT;
        int cut = lookup.lastIndexOf("__");
        if (cut > 0 && !mapping.byField.containsKey(lookup)) {
            op = Op.of(lookup.substring(cut + 2));
            if (op == null) {
                throw new DataException("unknown lookup \"" + lookup.substring(cut) + "\" in where(\"" + lookup
                        + "\") on " + mapping.model + "; the lookups are " + String.join(", ", Op.suffixes()));
            }
            field = lookup.substring(0, cut);
        }
        Column c = mapping.column(field);
        String where = c.describe();
        switch (op) {
            case ISNULL -> {
                if (!(value instanceof Boolean)) {
                    throw new DataException("where(\"" + lookup + "\") on " + mapping.model + " takes true or false, not "
                            + (value == null ? "null" : JdbcTypes.describe(value)));
                }
                return new Condition(c, op, List.of(value));
            }
            case IN -> {
                List<Object> values = new ArrayList<>();
                if (value instanceof Collection<?> col) {
                    for (Object v : col) {
                        values.add(element(c, v, lookup, where));
                    }
                } else if (value != null && value.getClass().isArray() && value.getClass() != byte[].class) {
                    for (int i = 0; i < Array.getLength(value); i++) {
                        values.add(element(c, Array.get(value, i), lookup, where));
                    }
                } else {
                    throw new DataException("where(\"" + lookup + "\") on " + mapping.model
                            + " takes a collection or an array of values, not "
                            + (value == null ? "null" : JdbcTypes.describe(value)));
                }
                return new Condition(c, op, values);
            }
            default -> {
                if (value == null && op != Op.EXACT && op != Op.NE) {
                    throw new DataException("where(\"" + lookup + "\", null) on " + mapping.model
                            + ": nothing compares with null; use where(\"" + field + "__isnull\", true)");
                }
                ArrayList<Object> one = new ArrayList<>(1);
                one.add(JdbcTypes.coerce(c.kind(), c.type(), value, where));
                return new Condition(c, op, one);
            }
        }
    }

    private static Object element(Column c, Object v, String lookup, String where) {
        if (v == null) {
            throw new DataException("where(\"" + lookup + "\") on " + c.owner() + ": null cannot be in a list;"
                    + " use where(\"" + c.field() + "__isnull\", true)");
        }
        return JdbcTypes.coerce(c.kind(), c.type(), v, where);
    }

    /** Appends this condition's SQL ({@code "votes" > ?}). */
    void appendTo(StringBuilder sql) {
        Object first = values.isEmpty() ? null : values.get(0);
        switch (op) {
            case ISNULL -> sql.append(column.quoted()).append(Boolean.TRUE.equals(first) ? " IS NULL" : " IS NOT NULL");
            case IN -> {
                if (values.isEmpty()) {
                    sql.append("1=0");
                } else {
                    sql.append(column.quoted()).append(" IN (");
                    for (int i = 0; i < values.size(); i++) {
                        sql.append(i == 0 ? "?" : ", ?");
                    }
                    sql.append(')');
                }
            }
            default -> {
                if (first == null) {
                    sql.append(column.quoted()).append(op == Op.EXACT ? " IS NULL" : " IS NOT NULL");
                } else {
                    sql.append(column.quoted()).append(' ').append(op.sql).append(" ?");
                }
            }
        }
    }

    /** Binds this condition's parameters from {@code index}; the next free index. */
    int bind(PreparedStatement ps, int index) throws SQLException {
        if (op == Op.ISNULL) {
            return index;
        }
        for (Object v : values) {
            if (v != null) {
                JdbcTypes.bind(ps, index++, column.kind(), v);
            }
        }
        return index;
    }
}
