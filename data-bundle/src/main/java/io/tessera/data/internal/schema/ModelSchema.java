package io.tessera.data.internal.schema;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tessera.core.Model;
import io.tessera.core.ModelField;
import io.tessera.data.Default;
import io.tessera.data.Indexed;
import io.tessera.data.Length;
import io.tessera.data.Nullable;
import io.tessera.data.Unique;

/**
 * Derives the tables an app's models ask for: one table per model, one column per field (see
 * {@link ColumnKind} for the types, {@link Identifiers} for the names). Loads each model's class to
 * read its fields' types and the {@code io.tessera.data} annotations. Stateless; any thread.
 */
public final class ModelSchema {

    private ModelSchema() {
    }

    /**
     * The tables of the app {@code appLabel} with these models.
     *
     * @throws SchemaException naming every field whose type cannot be mapped, every annotation that
     *         does not fit its field, and models that would share a table
     */
    public static SchemaDescription describe(String appLabel, List<Model> models) throws SchemaException {
        List<String> problems = new ArrayList<>();
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Model model : models) {
            String tableName = Identifiers.table(appLabel, model.name());
            Table other = tables.get(tableName);
            if (other != null) {
                problems.add("models " + other.model() + " and " + model.key() + " would both be table " + tableName
                        + ": rename one of them (table names ignore case)");
                continue;
            }
            Class<?> type;
            try {
                type = model.type();
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
                continue;
            }
            List<Column> columns = new ArrayList<>();
            Map<String, String> columnFields = new LinkedHashMap<>();
            for (ModelField f : model.fields()) {
                Field field = javaField(type, f.name());
                if (field == null) {
                    problems.add("model " + model.key() + " has no field '" + f.name() + "' in " + type.getName());
                    continue;
                }
                Column column = column(model, field, problems);
                if (column == null) {
                    continue;
                }
                String before = columnFields.putIfAbsent(column.name(), f.name());
                if (before != null) {
                    problems.add("fields " + model.key() + "." + before + " and " + f.name() + " would both be column "
                            + tableName + "." + column.name() + ": rename one of them");
                    continue;
                }
                columns.add(column);
            }
            tables.put(tableName, new Table(tableName, model.key(), columns));
        }
        if (!problems.isEmpty()) {
            throw new SchemaException(String.join("; ", problems));
        }
        return new SchemaDescription(appLabel, List.copyOf(tables.values()));
    }

    private static Column column(Model model, Field field, List<String> problems) {
        String where = "field " + model.key() + "." + field.getName();
        ColumnKind kind = ColumnKind.of(field.getType(), field.getGenericType());
        if (kind == null) {
            problems.add(where + " has type " + field.getGenericType().getTypeName()
                    + ", which Tessera cannot store in a column: use one of the types the README's mapping"
                    + " table lists, or mark the field transient (a class's field) to keep it out of the table");
            return null;
        }
        Length length = field.getAnnotation(Length.class);
        if (length != null && (kind != ColumnKind.STRING || length.value() < 1)) {
            problems.add(where + ": @Length(" + length.value() + ") needs a String field and a length of at least 1");
            return null;
        }
        boolean id = field.getName().equals("id");
        boolean nullable = !id && !field.getType().isPrimitive()
                && (isBox(field.getType()) || hasNullable(field.getAnnotations()));
        String reference = model.field(field.getName()).flatMap(ModelField::reference).orElse(null);
        Default declared = field.getAnnotation(Default.class);
        String defaultValue = declared == null ? null : declared.value();
        if (defaultValue != null) {
            String problem = defaultProblem(kind, field.getType(), defaultValue);
            if (problem != null) {
                problems.add(where + ": @Default(\"" + defaultValue + "\") " + problem);
                return null;
            }
        }
        return new Column(Identifiers.column(field.getName()), field.getName(), kind,
                length == null ? 0 : length.value(), nullable, id, id && kind.generatable(),
                reference == null ? null : Identifiers.tableOfKey(reference), field.isAnnotationPresent(Unique.class),
                field.isAnnotationPresent(Indexed.class), defaultValue);
    }

    /** As {@link Model} finds fields: a record's components are private fields of the same name. */
    private static Field javaField(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static boolean isBox(Class<?> type) {
        return type == Boolean.class || type == Byte.class || type == Short.class || type == Integer.class
                || type == Long.class || type == Float.class || type == Double.class || type == Character.class;
    }

    /** Tessera's own, or anyone's runtime annotation called Nullable (JSR 305, Jakarta, Checker...). */
    private static boolean hasNullable(Annotation[] annotations) {
        return Arrays.stream(annotations).anyMatch(a -> a instanceof Nullable
                || a.annotationType().getSimpleName().equals("Nullable"));
    }

    /** Why the text does not read as a value of the type, or {@code null} if it does. */
    static String defaultProblem(ColumnKind kind, Class<?> type, String text) {
        try {
            switch (kind) {
                case BOOLEAN -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        return "is not true or false";
                    }
                }
                case BYTE -> Byte.parseByte(text);
                case SHORT -> Short.parseShort(text);
                case INT -> Integer.parseInt(text);
                case LONG -> Long.parseLong(text);
                case FLOAT, DOUBLE -> Double.parseDouble(text);
                case DECIMAL -> new BigDecimal(text);
                case CHAR -> {
                    if (text.length() != 1) {
                        return "is not one character";
                    }
                }
                case INSTANT -> java.time.Instant.parse(text);
                case LOCAL_DATE -> LocalDate.parse(text);
                case LOCAL_DATE_TIME -> LocalDateTime.parse(text);
                case LOCAL_TIME -> LocalTime.parse(text);
                case UUID -> java.util.UUID.fromString(text);
                case ENUM -> {
                    boolean known = Arrays.stream(type.getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(text));
                    if (!known) {
                        return "is not a constant of " + type.getSimpleName();
                    }
                }
                case STRING -> {
                }
                default -> {
                    return "cannot be given for a " + type.getSimpleName() + " field";
                }
            }
            return null;
        } catch (RuntimeException e) {
            return "does not read as " + type.getSimpleName() + " (" + e.getMessage() + ")";
        }
    }
}
