package io.tessera.data.internal.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.tessera.data.internal.Dialect;

/**
 * Runs one plan's set of steps on one connection, all or nothing. On a database with transactional
 * DDL (PostgreSQL) the set and its record are one transaction. On H2, whose DDL commits by itself,
 * the set is written ahead to {@code tessera_migration_set} with each step's undo statements; each
 * step is marked started before it runs; a failure or a cancellation undoes the started steps, last
 * first; and the record of the new schema, the steps and the removal of the write-ahead rows commit
 * as one transaction (DML is transactional on H2). If the runtime dies in between, the rows stay,
 * and {@link #undoInterrupted} undoes the set at the next run, so the schema is as the record says.
 */
final class SetRunner {

    private final Dialect dialect;
    private final SchemaRecords records;
    private final SchemaInspector inspector;

    SetRunner(Dialect dialect) {
        this.dialect = dialect;
        this.records = new SchemaRecords(dialect);
        this.inspector = new SchemaInspector(dialect);
    }

    /** Thrown inside a run to end it: rolled back or undone, then reported. */
    private static final class Abort extends Exception {
        private static final long serialVersionUID = 1L;
        final Outcome outcome;

        Abort(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    Outcome run(Connection c, Plan plan, RecordedState recorded, BooleanSupplier cancelled, Consumer<String> progress)
            throws SQLException {
        List<Step> first = plan.reconcile()
                ? plan.steps().stream().filter(s -> s.kind() == Step.Kind.SHIPPED).toList() : plan.steps();
        List<Step> executed = new ArrayList<>();
        boolean transactional = dialect.transactionalDdl();
        boolean ended = false;
        c.setAutoCommit(false);
        try {
            if (!transactional) {
                records.extendSet(c, plan.appLabel(), 0, first);
                c.commit();
            }
            runSteps(c, plan, first, 0, executed, cancelled, progress);
            if (plan.reconcile()) {
                SchemaDiff after = SchemaDiff.between(actual(c, recorded.description(), plan.target()), plan.target(),
                        dialect);
                if (!after.lossy().isEmpty()) {
                    throw new Abort(Outcome.failed(null, "after the shipped steps ran, the tables still differ from"
                            + " the models: " + String.join("; ", after.lossy())));
                }
                if (!transactional) {
                    records.extendSet(c, plan.appLabel(), first.size(), after.steps());
                    c.commit();
                }
                runSteps(c, plan, after.steps(), first.size(), executed, cancelled, progress);
            }
            List<Step> record = new ArrayList<>(executed);
            record.addAll(plan.baseline());
            records.record(c, plan.appLabel(), plan.target(), record, recorded.lastSeq());
            records.endSet(c, plan.appLabel());
            c.commit();
            ended = true;
            return Outcome.done(record.size());
        } catch (Abort abort) {
            ended = true;
            return end(c, plan, abort.outcome);
        } catch (SQLException e) {
            ended = true;
            return end(c, plan, Outcome.failed(null, "recording the migration of " + plan.appLabel() + " failed: "
                    + e.getMessage()));
        } finally {
            if (!ended) {
                // an unexpected exception: switching autocommit on would commit half a set on PostgreSQL; on
                // H2 the written-ahead rows stay, and the next run undoes the set as after a crash
                c.rollback();
            }
            c.setAutoCommit(true);
        }
    }

    private void runSteps(Connection c, Plan plan, List<Step> steps, int from, List<Step> executed,
            BooleanSupplier cancelled, Consumer<String> progress) throws SQLException, Abort {
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (cancelled.getAsBoolean()) {
                throw new Abort(Outcome.cancelled());
            }
            progress.accept("migrating: step " + (executed.size() + 1) + ", " + step.id() + " (" + step.description() + ")");
            if (!dialect.transactionalDdl()) {
                records.markStarted(c, plan.appLabel(), from + i);
                c.commit();
            }
            try (Statement s = c.createStatement(); CancelWatch watch = new CancelWatch(plan.appLabel(), cancelled)) {
                watch.running(s);
                try {
                    for (String sql : step.statements()) {
                        s.execute(sql);
                    }
                } catch (SQLException e) {
                    if (watch.fired() || cancelled.getAsBoolean()) {
                        throw new Abort(Outcome.cancelled());
                    }
                    throw new Abort(Outcome.failed(step.id(), e.getMessage()));
                }
            }
            executed.add(step);
        }
    }

    /** Rolls back or undoes, and says in the outcome where the schema is. */
    private Outcome end(Connection c, Plan plan, Outcome outcome) throws SQLException {
        if (dialect.transactionalDdl()) {
            c.rollback();
            return outcome.status() == Outcome.Status.FAILED ? new Outcome(outcome.status(), 0, outcome.step(),
                    outcome.message() + "; the whole set was rolled back, the tables are as they were") : outcome;
        }
        c.rollback();
        List<String> problems = undoInterrupted(c, plan.appLabel());
        if (outcome.status() != Outcome.Status.FAILED) {
            return problems.isEmpty() ? outcome : Outcome.failed(null, "cancelled, but " + String.join("; ", problems));
        }
        return new Outcome(outcome.status(), 0, outcome.step(), outcome.message() + (problems.isEmpty()
                ? "; the steps of the set that ran were undone, the tables are as they were"
                : "; undoing the set failed: " + String.join("; ", problems)));
    }

    /**
     * Undoes the started steps of a set left in {@code tessera_migration_set}, last first, and removes
     * its rows. Returns what could not be undone (empty when all was).
     */
    List<String> undoInterrupted(Connection c, String label) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        List<String> problems = new ArrayList<>();
        try {
            for (String[] started : records.startedSteps(c, label)) {
                if (started[1] == null) {
                    problems.add("step " + started[0] + " has no undo statements and stays applied");
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : SqlScript.statements(started[1])) {
                        s.execute(sql);
                    }
                } catch (SQLException e) {
                    problems.add("undoing step " + started[0] + " failed: " + e.getMessage());
                }
            }
            if (problems.isEmpty()) {
                records.endSet(c, label);
            }
        } finally {
            c.setAutoCommit(auto);
        }
        return problems;
    }

    /**
     * The app's tables as they are after shipped steps ran: each existing column described as the
     * models describe it (its type trusted to the step that made it) or, if no field maps to it, as
     * recorded.
     */
    private SchemaDescription actual(Connection c, SchemaDescription recorded, SchemaDescription desired)
            throws SQLException {
        List<Table> tables = new ArrayList<>();
        List<String> names = new ArrayList<>();
        desired.tables().forEach(t -> names.add(t.name()));
        recorded.tables().stream().map(Table::name).filter(n -> !names.contains(n)).forEach(names::add);
        for (String name : names) {
            Set<String> columns = inspector.columns(c, name);
            if (columns == null) {
                continue;
            }
            Table want = desired.table(name).orElse(null);
            Table had = recorded.table(name).orElse(null);
            List<Column> out = new ArrayList<>();
            for (String column : columns) {
                Column def = want == null ? null : want.column(column).orElse(null);
                if (def == null && had != null) {
                    def = had.column(column).orElse(null);
                }
                out.add(def != null ? def : new Column(column, column, ColumnKind.STRING, 0, true, false, false, null,
                        false, false, null));
            }
            tables.add(new Table(name, want != null ? want.model() : had != null ? had.model() : name, out));
        }
        return new SchemaDescription(desired.appLabel(), tables);
    }
}
