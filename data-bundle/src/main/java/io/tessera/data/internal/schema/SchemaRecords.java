package io.tessera.data.internal.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.tessera.data.internal.Dialect;

/**
 * Tessera's own tables, beside the apps' ones:
 * <ul>
 * <li>{@code tessera_schema}: per app, the schema description it applied last and its checksum;</li>
 * <li>{@code tessera_migration}: per app, each applied step (derived, shipped or baseline) with its
 * checksum and time, numbered by {@code seq};</li>
 * <li>{@code tessera_migration_set}: the write-ahead record of a set being applied on a database
 * whose DDL commits at once (H2): each step with its undo statements and whether it started.
 * Rows there at start mean the runtime died in the middle of a set.</li>
 * </ul>
 * Every method works on the connection it is given and leaves transactions to the caller.
 */
final class SchemaRecords {

    private final Dialect dialect;

    SchemaRecords(Dialect dialect) {
        this.dialect = dialect;
    }

    private String text() {
        return dialect == Dialect.H2 ? "CHARACTER LARGE OBJECT" : "TEXT";
    }

    /** Creates the tables if they are missing (autocommit expected: DDL). */
    void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS tessera_schema (app_label VARCHAR(200) PRIMARY KEY, description "
                    + text() + " NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS tessera_migration (app_label VARCHAR(200) NOT NULL, seq INTEGER NOT NULL,"
                    + " step VARCHAR(200) NOT NULL, kind VARCHAR(10) NOT NULL, checksum VARCHAR(64) NOT NULL,"
                    + " description VARCHAR(2000), applied_at TIMESTAMP NOT NULL, PRIMARY KEY (app_label, seq))");
            s.execute("CREATE TABLE IF NOT EXISTS tessera_migration_set (app_label VARCHAR(200) NOT NULL,"
                    + " step_no INTEGER NOT NULL, step VARCHAR(200) NOT NULL, undo " + text() + ","
                    + " started BOOLEAN NOT NULL, PRIMARY KEY (app_label, step_no))");
        }
    }

    RecordedState read(Connection c, String label) throws SQLException {
        SchemaDescription description = null;
        try (PreparedStatement p = c.prepareStatement("SELECT description FROM tessera_schema WHERE app_label = ?")) {
            p.setString(1, label);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    description = SchemaDescription.decode(label, r.getString(1));
                }
            }
        }
        List<RecordedState.AppliedStep> applied = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT seq, step, kind, checksum, description, applied_at"
                + " FROM tessera_migration WHERE app_label = ? ORDER BY seq")) {
            p.setString(1, label);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    applied.add(new RecordedState.AppliedStep(r.getInt(1), r.getString(2), Step.Kind.valueOf(r.getString(3)),
                            r.getString(4), r.getString(5), r.getTimestamp(6).toInstant()));
                }
            }
        }
        boolean interrupted;
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM tessera_migration_set WHERE app_label = ?")) {
            p.setString(1, label);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                interrupted = r.getInt(1) > 0;
            }
        }
        return new RecordedState(label, description, applied, interrupted);
    }

    /** Every label with a recorded schema, sorted. */
    Set<String> labels(Connection c) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT app_label FROM tessera_schema")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    /** Records {@code description} as the app's schema and appends {@code steps}, from {@code seq + 1}. */
    void record(Connection c, String label, SchemaDescription description, List<Step> steps, int lastSeq)
            throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM tessera_schema WHERE app_label = ?")) {
            del.setString(1, label);
            del.executeUpdate();
        }
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO tessera_schema (app_label, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            ins.setString(1, label);
            ins.setString(2, description.encode());
            ins.setString(3, description.checksum());
            ins.setTimestamp(4, now);
            ins.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO tessera_migration"
                + " (app_label, seq, step, kind, checksum, description, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int seq = lastSeq;
            for (Step step : steps) {
                ins.setString(1, label);
                ins.setInt(2, ++seq);
                ins.setString(3, step.id());
                ins.setString(4, step.kind().name());
                ins.setString(5, step.checksum());
                String d = step.description();
                ins.setString(6, d.length() > 2000 ? d.substring(0, 2000) : d);
                ins.setTimestamp(7, now);
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /** Forgets the app: its schema, steps and any set in progress. */
    void forget(Connection c, String label) throws SQLException {
        for (String table : List.of("tessera_schema", "tessera_migration", "tessera_migration_set")) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE app_label = ?")) {
                p.setString(1, label);
                p.executeUpdate();
            }
        }
    }

    /**
     * Writes steps of the set about to be applied, numbered from {@code from} (0 for a new set):
     * each step's undo statements, none started.
     */
    void extendSet(Connection c, String label, int from, List<Step> steps) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO tessera_migration_set (app_label, step_no, step, undo, started) VALUES (?, ?, ?, ?, FALSE)")) {
            for (int i = 0; i < steps.size(); i++) {
                ins.setString(1, label);
                ins.setInt(2, from + i);
                ins.setString(3, steps.get(i).id());
                List<String> undo = steps.get(i).undo();
                ins.setString(4, undo == null ? null : String.join(";\n", undo));
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    void markStarted(Connection c, String label, int stepNo) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE tessera_migration_set SET started = TRUE WHERE app_label = ? AND step_no = ?")) {
            p.setString(1, label);
            p.setInt(2, stepNo);
            p.executeUpdate();
        }
    }

    /** The set's started steps, last first: step id and undo statements ({@code null} for none). */
    List<String[]> startedSteps(Connection c, String label) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT step, undo FROM tessera_migration_set"
                + " WHERE app_label = ? AND started = TRUE ORDER BY step_no DESC")) {
            p.setString(1, label);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new String[] {r.getString(1), r.getString(2)});
                }
            }
        }
        return out;
    }

    void endSet(Connection c, String label) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM tessera_migration_set WHERE app_label = ?")) {
            p.setString(1, label);
            p.executeUpdate();
        }
    }
}
