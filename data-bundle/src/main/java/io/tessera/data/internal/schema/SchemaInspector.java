package io.tessera.data.internal.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tessera.data.internal.Dialect;

/**
 * Reads what exists in the database, through JDBC metadata: whether a table exists, its columns, and
 * the foreign keys of other tables that point into it. Names are given and returned in lower case.
 */
final class SchemaInspector {

    private final Dialect dialect;

    SchemaInspector(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The name as a metadata pattern, whose {@code _} would otherwise match any character. */
    private String pattern(Connection c, String table) throws SQLException {
        String escape = c.getMetaData().getSearchStringEscape();
        return Identifiers.folded(dialect, table).replace("_", escape + "_").replace("%", escape + "%");
    }

    boolean exists(Connection c, String table) throws SQLException {
        try (ResultSet r = c.getMetaData().getTables(null, c.getSchema(), pattern(c, table),
                new String[] {"TABLE", "BASE TABLE"})) {
            return r.next();
        }
    }

    /** The table's columns in lower case, in order; {@code null} if the table does not exist. */
    Set<String> columns(Connection c, String table) throws SQLException {
        if (!exists(c, table)) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        try (ResultSet r = c.getMetaData().getColumns(null, c.getSchema(), pattern(c, table), null)) {
            while (r.next()) {
                out.add(r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** {@code other_table.column -> table} for each foreign key of another table pointing into {@code table}. */
    List<String> referencesInto(Connection c, String table, Set<String> except) throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet r = meta.getExportedKeys(null, c.getSchema(), Identifiers.folded(dialect, table))) {
            while (r.next()) {
                String from = r.getString("FKTABLE_NAME").toLowerCase(Locale.ROOT);
                if (!except.contains(from)) {
                    out.add(from + "." + r.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT) + " -> " + table);
                }
            }
        }
        return out;
    }
}
