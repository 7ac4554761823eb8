package io.tessera.data.internal.schema;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.tessera.core.App;
import io.tessera.core.spi.Preparation;
import io.tessera.data.internal.Dialect;

/**
 * Applies an app's schema during its preparation: reads the steps its bundle ships, plans against
 * the records, runs the plan, and reports through the {@link Preparation}. Its {@link #apply} has
 * the shape of the data layer's participant hook ({@code AppSchema} in {@code internal.db}), so the
 * participant that waits for the database calls it as {@code schemaApplier::apply}; the two stay
 * separate classes: that one knows when the database is there, this one what to do with it.
 *
 * <p><b>Threads.</b> {@link #apply} blocks while the steps run: call it on a worker thread, never
 * on the registry's applier. Thread-safe.
 */
public final class SchemaApplier {

    /** The steps an app ships, read from its bundle. */
    @FunctionalInterface
    public interface StepSource {
        List<ShippedStep> of(App app) throws SchemaException;
    }

    private final StepSource steps;
    private final Map<DataSource, SchemaMigrator> migrators = new WeakHashMap<>();

    public SchemaApplier(StepSource steps) {
        this.steps = steps;
    }

    /** Reads each app's steps from its bundle, found by id in {@code context}. */
    public static SchemaApplier forBundles(BundleContext context) {
        return new SchemaApplier(app -> {
            Bundle bundle = context.getBundle(app.bundleId());
            if (bundle == null) {
                throw new SchemaException("bundle " + app.bundleId() + " of app " + app.label() + " is gone");
            }
            return ShippedSteps.of(bundle);
        });
    }

    /** The migrator of this database (one per data source, so Tessera's tables are checked once each). */
    public synchronized SchemaMigrator migrator(DataSource dataSource, Dialect dialect) {
        SchemaMigrator m = migrators.get(dataSource);
        if (m == null || m.dialect() != dialect) {
            m = new SchemaMigrator(dataSource, dialect);
            migrators.put(dataSource, m);
        }
        return m;
    }

    /** What the app's tables need now; refused with the reason when its steps or models are wrong. */
    public Plan plan(App app, SchemaMigrator migrator) throws SQLException {
        List<ShippedStep> shipped;
        try {
            shipped = steps.of(app);
        } catch (SchemaException e) {
            return new Plan(app.label(), migrator.dialect(), null, null, 0, List.of(), List.of(), e.getMessage(), false,
                    false);
        }
        return migrator.plan(app.label(), app.models(), shipped);
    }

    /**
     * Brings the app's tables to its models, all or nothing, reporting progress; returns normally
     * when done or cancelled.
     *
     * @throws SQLException   when the database failed (it may have gone away)
     * @throws SchemaException when the app must change: its reason names the step, the change or
     *                         the field, and what to do
     */
    public void apply(App app, DataSource dataSource, Dialect dialect, Preparation preparation)
            throws SQLException, SchemaException {
        SchemaMigrator migrator = migrator(dataSource, dialect);
        Plan plan = plan(app, migrator);
        if (plan.upToDate()) {
            return;
        }
        Outcome outcome = migrator.apply(plan, preparation::isCancelled, preparation::progress);
        if (outcome.status() == Outcome.Status.REFUSED || outcome.status() == Outcome.Status.FAILED) {
            throw new SchemaException(outcome.reason());
        }
    }
}
