package io.tessera.data.internal.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tessera.data.internal.Dialect;

/**
 * What dropping an app's tables would do, and doing it: the tables Tessera recorded for the app,
 * the foreign keys of other tables that point into them (which refuse the purge), and the recorded
 * steps that are forgotten with them. Immutable.
 *
 * @param appLabel     the app
 * @param tables       its recorded tables that exist, in the recorded order
 * @param referencesIn {@code other_table.column -> table}, for each foreign key of another table into them
 * @param steps        how many steps are recorded for the app
 * @param recorded     whether Tessera has a record of the app at all
 */
public record Purge(String appLabel, List<String> tables, List<String> referencesIn, int steps, boolean recorded) {

    public Purge {
        tables = List.copyOf(tables);
        referencesIn = List.copyOf(referencesIn);
    }

    static Purge check(Connection c, Dialect dialect, RecordedState state) throws SQLException {
        SchemaInspector inspector = new SchemaInspector(dialect);
        List<String> tables = new ArrayList<>();
        if (state.description() != null) {
            for (Table t : state.description().tables()) {
                if (inspector.exists(c, t.name())) {
                    tables.add(t.name());
                }
            }
        }
        Set<String> own = new HashSet<>(tables);
        List<String> in = new ArrayList<>();
        for (String t : tables) {
            in.addAll(inspector.referencesInto(c, t, own));
        }
        return new Purge(state.appLabel(), tables, in, state.applied().size(),
                state.description() != null || !state.applied().isEmpty());
    }

    /** Drops the tables (last recorded first, with the keys between them) and forgets the app's records. */
    void run(Connection c, Dialect dialect, SchemaRecords records) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(dialect.transactionalDdl() ? false : true);
        try (Statement s = c.createStatement()) {
            for (int i = tables.size() - 1; i >= 0; i--) {
                // CASCADE removes the foreign keys among the app's own tables; keys of others were refused
                s.execute("DROP TABLE IF EXISTS " + Identifiers.quoted(dialect, tables.get(i)) + " CASCADE");
            }
            c.setAutoCommit(false);
            records.forget(c, appLabel);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
