package io.tessera.data.internal.schema;

import java.util.Locale;

import io.tessera.data.internal.Dialect;

/**
 * The names Tessera gives tables and columns, and how they are written in SQL. A model's table is
 * named as Django names it, app label and lower-cased model name ({@code blog_post}); a field's
 * column is its name in snake case ({@code choiceText} gives {@code choice_text}). In SQL every
 * name is quoted in the case the database folds unquoted names to (upper on H2, lower on
 * PostgreSQL), so a reserved word ({@code order}, {@code user}) works as a name and plain SQL
 * written without quotes ({@code select title from blog_post}) finds the same table.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** {@code blog} and {@code Post} give {@code blog_post}. */
    public static String table(String appLabel, String modelName) {
        return appLabel.toLowerCase(Locale.ROOT) + "_" + modelName.toLowerCase(Locale.ROOT);
    }

    /** The table of a {@code "label.Model"} key: {@code auth.User} gives {@code auth_user}. */
    public static String tableOfKey(String modelKey) {
        int dot = modelKey.indexOf('.');
        if (dot <= 0 || dot == modelKey.length() - 1) {
            throw new IllegalArgumentException("a model key is label.Model, not '" + modelKey + "'");
        }
        return table(modelKey.substring(0, dot), modelKey.substring(dot + 1));
    }

    /** {@code choiceText} gives {@code choice_text}, {@code isStaff} {@code is_staff}, {@code URL} {@code url}. */
    public static String column(String fieldName) {
        StringBuilder out = new StringBuilder(fieldName.length() + 4);
        for (int i = 0; i < fieldName.length(); i++) {
            char c = fieldName.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char before = fieldName.charAt(i - 1);
                boolean afterLower = Character.isLowerCase(before) || Character.isDigit(before);
                boolean endsAcronym = Character.isUpperCase(before) && i + 1 < fieldName.length()
                        && Character.isLowerCase(fieldName.charAt(i + 1));
                if ((afterLower || endsAcronym) && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** The name as the database stores it unquoted: upper case on H2, lower case on PostgreSQL. */
    public static String folded(Dialect dialect, String name) {
        return dialect == Dialect.H2 ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
    }

    /** The name quoted for SQL, in the folded case: {@code "BLOG_POST"} on H2, {@code "blog_post"} on PostgreSQL. */
    public static String quoted(Dialect dialect, String name) {
        return '"' + folded(dialect, name).replace("\"", "\"\"") + '"';
    }
}
