package io.tessera.data.internal.schema;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import io.tessera.data.internal.Dialect;

/**
 * What a column holds, independent of the database: the Java types Tessera maps, and the SQL type
 * each is on H2 and on PostgreSQL (the README's table is this enum). The annotation processor in
 * core keeps the same list of mappable types, so that an unmappable field fails the build.
 */
public enum ColumnKind {
    BOOLEAN("BOOLEAN", "BOOLEAN"),
    BYTE("TINYINT", "SMALLINT"),
    SHORT("SMALLINT", "SMALLINT"),
    INT("INTEGER", "INTEGER"),
    LONG("BIGINT", "BIGINT"),
    FLOAT("REAL", "REAL"),
    DOUBLE("DOUBLE PRECISION", "DOUBLE PRECISION"),
    CHAR("CHAR(1)", "CHAR(1)"),
    /** Without a {@code @Length}; with one, {@code VARCHAR(n)} on both. */
    STRING("CHARACTER VARYING", "TEXT"),
    /**
     * H2's DECFLOAT and PostgreSQL's unconstrained NUMERIC keep a BigDecimal's digits whatever its
     * scale (H2 drops trailing zeros: 12.3450 reads back as 12.345, equal by {@code compareTo}).
     */
    DECIMAL("DECFLOAT", "NUMERIC"),
    INSTANT("TIMESTAMP(9) WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE"),
    LOCAL_DATE("DATE", "DATE"),
    LOCAL_DATE_TIME("TIMESTAMP(9)", "TIMESTAMP"),
    LOCAL_TIME("TIME(9)", "TIME"),
    UUID("UUID", "UUID"),
    /** The constant's name. */
    ENUM("VARCHAR(255)", "VARCHAR(255)"),
    BYTES("VARBINARY", "BYTEA"),
    /** {@code List<String>}, as an SQL array. */
    STRING_LIST("CHARACTER VARYING ARRAY", "TEXT[]");

    private final String h2;
    private final String postgresql;

    ColumnKind(String h2, String postgresql) {
        this.h2 = h2;
        this.postgresql = postgresql;
    }

    /** The SQL type; {@code length > 0} only for {@link #STRING}. */
    public String sql(Dialect dialect, int length) {
        if (this == STRING && length > 0) {
            return "VARCHAR(" + length + ")";
        }
        return dialect == Dialect.H2 ? h2 : postgresql;
    }

    /** The kind of a field of this Java type, or {@code null} if Tessera cannot map it. */
    public static ColumnKind of(Class<?> type, Type genericType) {
        if (type == boolean.class || type == Boolean.class) {
            return BOOLEAN;
        }
        if (type == byte.class || type == Byte.class) {
            return BYTE;
        }
        if (type == short.class || type == Short.class) {
            return SHORT;
        }
        if (type == int.class || type == Integer.class) {
            return INT;
        }
        if (type == long.class || type == Long.class) {
            return LONG;
        }
        if (type == float.class || type == Float.class) {
            return FLOAT;
        }
        if (type == double.class || type == Double.class) {
            return DOUBLE;
        }
        if (type == char.class || type == Character.class) {
            return CHAR;
        }
        if (type == String.class) {
            return STRING;
        }
        if (type == BigDecimal.class) {
            return DECIMAL;
        }
        if (type == Instant.class) {
            return INSTANT;
        }
        if (type == LocalDate.class) {
            return LOCAL_DATE;
        }
        if (type == LocalDateTime.class) {
            return LOCAL_DATE_TIME;
        }
        if (type == LocalTime.class) {
            return LOCAL_TIME;
        }
        if (type == java.util.UUID.class) {
            return UUID;
        }
        if (type.isEnum()) {
            return ENUM;
        }
        if (type == byte[].class) {
            return BYTES;
        }
        if (type == List.class && genericType instanceof ParameterizedType p
                && p.getActualTypeArguments().length == 1 && p.getActualTypeArguments()[0] == String.class) {
            return STRING_LIST;
        }
        return null;
    }

    /** Whether a value of this kind can be generated for an {@code id} the app leaves out. */
    boolean generatable() {
        return this == INT || this == LONG || this == UUID;
    }
}
