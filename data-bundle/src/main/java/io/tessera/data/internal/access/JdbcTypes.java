package io.tessera.data.internal.access;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.tessera.data.DataException;
import io.tessera.data.internal.schema.ColumnKind;

/**
 * The Java types a model field may have, and how each is written to and read from JDBC: the one
 * place that knows it. The kinds are the schema code's {@link ColumnKind}, which also maps
 * each to its column type. Both H2 2.x and PostgreSQL take every kind as below.
 *
 * <table>
 * <caption>Kinds</caption>
 * <tr><th>Java</th><th>kind</th><th>JDBC</th></tr>
 * <tr><td>boolean, Boolean</td><td>BOOLEAN</td><td>setBoolean / getBoolean</td></tr>
 * <tr><td>byte, Byte</td><td>BYTE</td><td>setByte / getByte</td></tr>
 * <tr><td>short, Short</td><td>SHORT</td><td>setShort / getShort</td></tr>
 * <tr><td>int, Integer</td><td>INT</td><td>setInt / getInt</td></tr>
 * <tr><td>long, Long</td><td>LONG</td><td>setLong / getLong</td></tr>
 * <tr><td>float, Float</td><td>FLOAT</td><td>setFloat / getFloat</td></tr>
 * <tr><td>double, Double</td><td>DOUBLE</td><td>setDouble / getDouble</td></tr>
 * <tr><td>char, Character</td><td>CHAR</td><td>a one-character string</td></tr>
 * <tr><td>String</td><td>STRING</td><td>setString / getString</td></tr>
 * <tr><td>BigDecimal</td><td>DECIMAL</td><td>setBigDecimal / getBigDecimal</td></tr>
 * <tr><td>Instant</td><td>INSTANT</td><td>OffsetDateTime at UTC (TIMESTAMP WITH TIME ZONE)</td></tr>
 * <tr><td>LocalDate</td><td>LOCAL_DATE</td><td>setObject / getObject(LocalDate)</td></tr>
 * <tr><td>LocalDateTime</td><td>LOCAL_DATE_TIME</td><td>setObject / getObject(LocalDateTime) (TIMESTAMP)</td></tr>
 * <tr><td>LocalTime</td><td>LOCAL_TIME</td><td>setObject / getObject(LocalTime)</td></tr>
 * <tr><td>UUID</td><td>UUID</td><td>setObject / getObject(UUID) (UUID column)</td></tr>
 * <tr><td>an enum</td><td>ENUM</td><td>its {@code name()} as a string</td></tr>
 * <tr><td>byte[]</td><td>BYTES</td><td>setBytes / getBytes</td></tr>
 * <tr><td>List&lt;String&gt;</td><td>STRING_LIST</td><td>an SQL array (createArrayOf("VARCHAR") / getArray)</td></tr>
 * </table>
 *
 * <p>Nulls: a box, {@code String} or any other object type may be null and is written as SQL NULL;
 * a NULL read into a primitive field is an error, not a zero.
 */
public final class JdbcTypes {


    /** The Java types, for messages. */
    public static final String TYPES = "a primitive or its box, String, BigDecimal, Instant, LocalDate, LocalDateTime,"
            + " LocalTime, UUID, an enum, byte[] or List<String>";

    private JdbcTypes() {
    }

    /** Writes {@code value} (of a type of {@code kind}, or null) as parameter {@code index}. */
    public static void bind(PreparedStatement ps, int index, ColumnKind kind, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType(kind));
            return;
        }
        switch (kind) {
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            case BYTE -> ps.setByte(index, (Byte) value);
            case SHORT -> ps.setShort(index, (Short) value);
            case INT -> ps.setInt(index, (Integer) value);
            case LONG -> ps.setLong(index, (Long) value);
            case FLOAT -> ps.setFloat(index, (Float) value);
            case DOUBLE -> ps.setDouble(index, (Double) value);
            case CHAR -> ps.setString(index, value.toString());
            case STRING -> ps.setString(index, (String) value);
            case DECIMAL -> ps.setBigDecimal(index, (BigDecimal) value);
            case INSTANT -> ps.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
            case LOCAL_DATE, LOCAL_DATE_TIME, LOCAL_TIME, UUID -> ps.setObject(index, value);
            case ENUM -> ps.setString(index, ((Enum<?>) value).name());
            case BYTES -> ps.setBytes(index, (byte[]) value);
            case STRING_LIST -> ps.setArray(index, ps.getConnection().createArrayOf("VARCHAR",
                    ((List<?>) value).toArray()));
            default -> throw new AssertionError(kind);
        }
    }

    /**
     * Reads column {@code index} as a value of {@code type} (whose kind is {@code kind}); {@code null}
     * for SQL NULL, also for a primitive type (the caller reports it).
     */
    public static Object read(ResultSet rs, int index, ColumnKind kind, Class<?> type) throws SQLException {
        Object v;
        switch (kind) {
            // the primitive getters give 0 for NULL: only they need wasNull(), the others give null
            case BOOLEAN -> v = rs.getBoolean(index);
            case BYTE -> v = rs.getByte(index);
            case SHORT -> v = rs.getShort(index);
            case INT -> v = rs.getInt(index);
            case LONG -> v = rs.getLong(index);
            case FLOAT -> v = rs.getFloat(index);
            case DOUBLE -> v = rs.getDouble(index);
            case CHAR -> {
                String text = rs.getString(index);
                v = text == null || text.isEmpty() ? null : (Object) text.charAt(0);
            }
            case STRING -> v = rs.getString(index);
            case DECIMAL -> v = rs.getBigDecimal(index);
            case INSTANT -> {
                OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
                v = t == null ? null : t.toInstant();
            }
            case LOCAL_DATE -> v = rs.getObject(index, LocalDate.class);
            case LOCAL_DATE_TIME -> v = rs.getObject(index, LocalDateTime.class);
            case LOCAL_TIME -> v = rs.getObject(index, LocalTime.class);
            case UUID -> v = rs.getObject(index, UUID.class);
            case ENUM -> {
                String name = rs.getString(index);
                v = name == null ? null : enumConstant(type, name, "column " + index);
            }
            case BYTES -> v = rs.getBytes(index);
            case STRING_LIST -> {
                java.sql.Array array = rs.getArray(index);
                if (array == null) {
                    v = null;
                } else {
                    List<String> strings = new ArrayList<>();
                    for (Object o : (Object[]) array.getArray()) {
                        strings.add(o == null ? null : o.toString());
                    }
                    v = Collections.unmodifiableList(strings);
                }
            }
            default -> throw new AssertionError(kind);
        }
        return v == null || kind.ordinal() > ColumnKind.DOUBLE.ordinal() || !rs.wasNull() ? v : null;
    }

    /** Binds a plain SQL parameter by its own class (a value of any kind above, or null). */
    public static void bindAny(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
            return;
        }
        ColumnKind kind = ColumnKind.of(value.getClass(), value.getClass());
        if (kind == null && value instanceof Enum<?>) {
            kind = ColumnKind.ENUM; // a constant with a body is of an anonymous subclass
        }
        if (kind == null) {
            throw new DataException("parameter " + index + " is a " + value.getClass().getName()
                    + ", which Tessera cannot bind; use one of " + Arrays.toString(ColumnKind.values()).toLowerCase(Locale.ROOT)
                    + " (" + TYPES + ")");
        }
        bind(ps, index, kind, value);
    }

    /**
     * {@code value} as a value of a field of {@code type} (kind {@code kind}), for a query condition:
     * an integral number fits any integral field it fits in, a number any decimal field, an enum
     * field takes its constants or their names.
     *
     * @param where names the field for the message ({@code field "votes" (int) of polls.Choice})
     * @throws DataException if the value does not fit
     */
    public static Object coerce(ColumnKind kind, Class<?> type, Object value, String where) {
        if (value == null) {
            return null;
        }
        Object v = switch (kind) {
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case BYTE -> integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE) ? (Object) ((Number) value).byteValue() : null;
            case SHORT -> integral(value, Short.MIN_VALUE, Short.MAX_VALUE) ? (Object) ((Number) value).shortValue() : null;
            case INT -> integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE) ? (Object) ((Number) value).intValue() : null;
            case LONG -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE) ? (Object) ((Number) value).longValue() : null;
            case FLOAT -> value instanceof Number n && !(value instanceof BigDecimal) ? (Object) n.floatValue() : null;
            case DOUBLE -> value instanceof Number n && !(value instanceof BigDecimal) ? (Object) n.doubleValue() : null;
            case DECIMAL -> value instanceof BigDecimal ? value
                    : integral(value, Long.MIN_VALUE, Long.MAX_VALUE) ? (Object) BigDecimal.valueOf(((Number) value).longValue())
                    : null;
            case ENUM -> type.isInstance(value) ? value : value instanceof String s ? enumConstant(type, s, where) : null;
            case CHAR -> value instanceof Character ? value
                    : value instanceof String s && s.length() == 1 ? (Object) s.charAt(0) : null;
            case STRING_LIST -> value instanceof List<?> l && l.stream().allMatch(e -> e == null || e instanceof String)
                    ? value : null;
            case STRING, INSTANT, LOCAL_DATE, LOCAL_DATE_TIME, LOCAL_TIME, UUID, BYTES -> type.isInstance(value) ? value
                    : null;
        };
        if (v == null) {
            throw new DataException(where + " cannot take " + describe(value) + "; give a value of type "
                    + type.getSimpleName() + (kind == ColumnKind.ENUM ? " " + Arrays.toString(type.getEnumConstants()) : ""));
        }
        return v;
    }

    private static boolean integral(Object value, long min, long max) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            long l = ((Number) value).longValue();
            return l >= min && l <= max;
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 && b.longValue() >= min && b.longValue() <= max;
        }
        return false;
    }

    private static Object enumConstant(Class<?> type, String name, String where) {
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(name)) {
                return c;
            }
        }
        throw new DataException(where + ": \"" + name + "\" is not a constant of " + type.getSimpleName() + " "
                + Arrays.toString(type.getEnumConstants()));
    }

    /** {@code the String "abc"}, {@code the Integer 3}. */
    static String describe(Object value) {
        String shown = value instanceof String ? "\"" + value + "\"" : value instanceof byte[] b ? b.length + " bytes"
                : String.valueOf(value);
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return "the " + value.getClass().getSimpleName() + " " + shown;
    }

    private static int sqlType(ColumnKind kind) {
        return switch (kind) {
            case BOOLEAN -> Types.BOOLEAN;
            case BYTE -> Types.TINYINT;
            case SHORT -> Types.SMALLINT;
            case INT -> Types.INTEGER;
            case LONG -> Types.BIGINT;
            case FLOAT -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case CHAR -> Types.CHAR;
            case STRING, ENUM -> Types.VARCHAR;
            case DECIMAL -> Types.NUMERIC;
            case INSTANT -> Types.TIMESTAMP_WITH_TIMEZONE;
            case LOCAL_DATE -> Types.DATE;
            case LOCAL_DATE_TIME -> Types.TIMESTAMP;
            case LOCAL_TIME -> Types.TIME;
            case UUID -> Types.OTHER;
            case BYTES -> Types.VARBINARY;
            case STRING_LIST -> Types.ARRAY;
        };
    }
}
