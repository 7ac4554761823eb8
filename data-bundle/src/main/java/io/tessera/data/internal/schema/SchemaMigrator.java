package io.tessera.data.internal.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.tessera.core.Model;
import io.tessera.data.internal.Dialect;

/**
 * Brings an app's tables to its models on one database: {@link #plan} says what it takes without
 * changing anything (for the shell's {@code apps:sqlmigrate} too), {@link #apply} runs a plan all or
 * nothing. Creates Tessera's own record tables on first use.
 *
 * <p><b>Threads.</b> Thread-safe. Sets of different apps run in parallel on connections of their
 * own; two sets of one app run one after the other. {@link #apply} blocks for as long as the steps
 * take: call it on a thread of your own, never on the registry's applier.
 */
public final class SchemaMigrator {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final SchemaRecords records;
    private final SchemaInspector inspector;
    private final SetRunner runner;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private volatile boolean recordsReady;

    public SchemaMigrator(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.records = new SchemaRecords(dialect);
        this.inspector = new SchemaInspector(dialect);
        this.runner = new SetRunner(dialect);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** What Tessera's tables say about the app. */
    public RecordedState recorded(String appLabel) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ensureRecords(c);
            return records.read(c, appLabel);
        }
    }

    /** The labels of every app with recorded tables, also of apps that are gone. */
    public Set<String> recordedLabels() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ensureRecords(c);
            return records.labels(c);
        }
    }

    /**
     * What it takes to bring the app's tables to these models and shipped steps; reads the database,
     * changes nothing. Unmappable models give a refused plan naming model, field and type.
     */
    public Plan plan(String appLabel, List<Model> models, List<ShippedStep> shipped) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ensureRecords(c);
            RecordedState recorded = records.read(c, appLabel);
            SchemaDescription desired;
            try {
                desired = ModelSchema.describe(appLabel, models);
            } catch (SchemaException e) {
                return Planner.unmappable(appLabel, dialect, e, recorded);
            }
            Set<String> existing = new HashSet<>();
            if (recorded.description() == null) {
                for (Table t : desired.tables()) {
                    if (inspector.exists(c, t.name())) {
                        existing.add(t.name());
                    }
                }
            }
            return Planner.plan(desired, shipped, recorded, existing, dialect);
        }
    }

    /**
     * Runs the plan: first undoes a set of the app that was interrupted, then the plan's steps, then
     * records the new schema, all or nothing. A plan made from a record that changed since (another
     * run came first) is not run: plan again.
     *
     * @param cancelled asked between steps; when it says true, the set is rolled back or undone
     * @param progress  told what is being done, before each step
     */
    public Outcome apply(Plan plan, BooleanSupplier cancelled, Consumer<String> progress) {
        if (plan.refused()) {
            return Outcome.refused(plan.refusal());
        }
        ReentrantLock lock = locks.computeIfAbsent(plan.appLabel(), l -> new ReentrantLock());
        lock.lock();
        try (Connection c = dataSource.getConnection()) {
            ensureRecords(c);
            RecordedState recorded = records.read(c, plan.appLabel());
            if (recorded.interrupted()) {
                progress.accept("undoing the interrupted migration of " + plan.appLabel());
                List<String> problems = runner.undoInterrupted(c, plan.appLabel());
                if (!problems.isEmpty()) {
                    return Outcome.failed(null, "a migration of " + plan.appLabel()
                            + " was interrupted and cannot be undone: " + String.join("; ", problems));
                }
                recorded = records.read(c, plan.appLabel());
            }
            String now = recorded.description() == null ? null : recorded.description().checksum();
            if (!java.util.Objects.equals(now, plan.basedOn()) || recorded.lastSeq() != plan.lastSeq()) {
                return Outcome.failed(null, "the schema record of " + plan.appLabel()
                        + " changed after this plan was made; plan again");
            }
            if (plan.steps().isEmpty() && plan.baseline().isEmpty()) {
                return Outcome.done(0);
            }
            return runner.run(c, plan, recorded, cancelled, progress);
        } catch (SQLException e) {
            return Outcome.failed(null, "the database failed while migrating " + plan.appLabel() + ": " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /**
     * How the app's tables in the database differ from what its models ask for: each missing table,
     * missing column and column no field maps to, in words; empty when they match (the churn test's
     * oracle: after settling, a READY app's tables match its models). Column types are not compared.
     *
     * @throws SchemaException if the models cannot be mapped
     */
    public List<String> differences(String appLabel, List<Model> models) throws SQLException, SchemaException {
        SchemaDescription desired = ModelSchema.describe(appLabel, models);
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (Table t : desired.tables()) {
                Set<String> columns = inspector.columns(c, t.name());
                if (columns == null) {
                    out.add("table " + t.name() + " of model " + t.model() + " is missing");
                    continue;
                }
                for (Column col : t.columns()) {
                    if (!columns.contains(col.name())) {
                        out.add("column " + t.name() + "." + col.name() + " of field " + t.model() + "." + col.field()
                                + " is missing");
                    }
                }
                for (String col : columns) {
                    if (t.column(col).isEmpty()) {
                        out.add("column " + t.name() + "." + col + " maps to no field of " + t.model());
                    }
                }
            }
        }
        return out;
    }

    /** What {@code apps:purge} would drop for the app, and what refuses it. */
    public Purge purgeCheck(String appLabel) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ensureRecords(c);
            return Purge.check(c, dialect, records.read(c, appLabel));
        }
    }

    /**
     * Drops the app's recorded tables and forgets its records, if no other table's foreign key
     * points into them (checked again here).
     *
     * @return the check it ran on; nothing was dropped if its {@code referencesIn} is not empty
     */
    public Purge purge(String appLabel) throws SQLException {
        ReentrantLock lock = locks.computeIfAbsent(appLabel, l -> new ReentrantLock());
        lock.lock();
        try (Connection c = dataSource.getConnection()) {
            ensureRecords(c);
            Purge check = Purge.check(c, dialect, records.read(c, appLabel));
            if (check.referencesIn().isEmpty()) {
                check.run(c, dialect, records);
            }
            return check;
        } finally {
            lock.unlock();
        }
    }

    private void ensureRecords(Connection c) throws SQLException {
        if (recordsReady) {
            return;
        }
        synchronized (this) {
            if (!recordsReady) {
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(true);
                records.create(c);
                c.setAutoCommit(auto);
                recordsReady = true;
            }
        }
    }
}
