package io.tessera.data.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import io.tessera.core.App;
import io.tessera.core.AppRegistry;
import io.tessera.core.AppState;

/**
 * The shell's {@code apps:migrations [LABEL]} (applied and pending steps, also of apps that are gone
 * but whose tables remain), {@code apps:sqlmigrate LABEL STEP} (the SQL a pending step will run,
 * without running it) and {@code apps:purge LABEL [--yes]} (drops the tables of an app that is not
 * READY, after naming them; refused while another table's foreign key points in). Offered as a
 * plain object with Gogo's command properties, so the data bundle needs no import of Gogo: without
 * a shell nobody calls it. Each command returns the text the shell prints.
 */
public final class MigrationCommands {

    /** The functions of {@code apps}, as Gogo finds them by name. */
    public static final String[] FUNCTIONS = {"migrations", "sqlmigrate", "purge"};

    /** The apps the commands look at: the registry's, or none while there is no registry. */
    public interface Apps {
        List<App> all();

        Optional<App> find(String label);
    }

    private final Supplier<SchemaMigrator> migrator;
    private final SchemaApplier applier;
    private final Apps apps;

    /**
     * @param migrator the migrator of the database in use; throws {@link IllegalStateException} saying
     *                 why there is none (the database is unavailable)
     */
    public MigrationCommands(Supplier<SchemaMigrator> migrator, SchemaApplier applier, Apps apps) {
        this.migrator = migrator;
        this.applier = applier;
        this.apps = apps;
    }

    /** Offers the commands, with the registry tracked in {@code context}; close what this returns to take them away. */
    public static AutoCloseable register(BundleContext context, Supplier<SchemaMigrator> migrator, SchemaApplier applier) {
        ServiceTracker<AppRegistry, AppRegistry> tracker = new ServiceTracker<>(context, AppRegistry.class, null);
        tracker.open();
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("osgi.command.scope", "apps");
        p.put("osgi.command.function", FUNCTIONS);
        ServiceRegistration<?> reg = context.registerService(Object.class,
                new MigrationCommands(migrator, applier, new Apps() {
                    @Override
                    public List<App> all() {
                        AppRegistry r = tracker.getService();
                        return r == null ? List.of() : r.apps();
                    }

                    @Override
                    public Optional<App> find(String label) {
                        AppRegistry r = tracker.getService();
                        return r == null ? Optional.empty() : r.findApp(label);
                    }
                }), p);
        return () -> {
            reg.unregister();
            tracker.close();
        };
    }

    private Optional<App> app(String label) {
        return apps.find(label);
    }

    /** Every app with recorded tables or with models: applied and pending steps. */
    public String migrations() throws SQLException {
        SchemaMigrator m = migrator.get();
        Set<String> labels = new TreeSet<>(m.recordedLabels());
        apps.all().stream().filter(a -> !a.models().isEmpty()).forEach(a -> labels.add(a.label()));
        if (labels.isEmpty()) {
            return "no app has tables";
        }
        List<String> blocks = new ArrayList<>();
        for (String label : labels) {
            blocks.add(migrations(label));
        }
        return String.join("\n", blocks);
    }

    /** The app's applied steps, oldest first, then its pending ones (or why none may run). */
    public String migrations(String label) throws SQLException {
        SchemaMigrator m = migrator.get();
        RecordedState state = m.recorded(label);
        Optional<App> app = app(label);
        StringBuilder out = new StringBuilder(label);
        if (app.isEmpty()) {
            if (state.description() == null && state.applied().isEmpty()) {
                return label + ": no app has this label, and no tables are recorded for it";
            }
            out.append(" (no app has this label now; its tables remain: ")
                    .append(String.join(", ", m.purgeCheck(label).tables())).append("; apps:purge ").append(label)
                    .append(" drops them)\n");
        } else {
            out.append(' ').append(app.get().state()).append('\n');
        }
        if (state.interrupted()) {
            out.append("  a set of steps was interrupted; the next migration undoes it first\n");
        }
        for (RecordedState.AppliedStep s : state.applied()) {
            out.append(String.format("  [X] %3d %-36s %-8s %s  %s%n", s.seq(), s.id(), s.kind().name().toLowerCase(),
                    s.appliedAt(), s.description()));
        }
        if (app.isPresent()) {
            Plan plan = applier.plan(app.get(), m);
            if (plan.refused()) {
                out.append("  pending steps cannot run: ").append(plan.refusal()).append('\n');
            }
            for (Step s : plan.steps()) {
                out.append(String.format("  [ ]     %-36s %-8s pending%s  %s%n", s.id(), s.kind().name().toLowerCase(),
                        plan.reconcile() && s.kind() == Step.Kind.DERIVED ? " (computed again after the shipped steps)" : "",
                        s.description()));
            }
            for (Step s : plan.baseline()) {
                out.append(String.format("  [ ]     %-36s %-8s pending  %s%n", s.id(), "baseline", s.description()));
            }
            if (plan.upToDate() && state.applied().isEmpty()) {
                out.append("  no steps\n");
            }
        }
        return out.toString().stripTrailing();
    }

    /** The SQL the pending step {@code step} of the app will run; runs nothing. */
    public String sqlmigrate(String label, String step) throws SQLException {
        Optional<App> app = app(label);
        if (app.isEmpty()) {
            return "no app has label '" + label + "': pending steps come from an app's models and bundle";
        }
        Plan plan = applier.plan(app.get(), migrator.get());
        if (plan.refused()) {
            return "-- the steps of " + label + " cannot run: " + plan.refusal();
        }
        Optional<Step> s = plan.step(step);
        if (s.isEmpty()) {
            boolean applied = migrator.get().recorded(label).step(step).isPresent();
            List<String> pending = plan.steps().stream().map(Step::id).toList();
            return "step '" + step + "' of " + label + (applied ? " is applied already" : " is not pending")
                    + "; pending: " + (pending.isEmpty() ? "none" : String.join(", ", pending));
        }
        return "-- " + s.get().id() + ": " + s.get().description() + "\n" + s.get().script().stripTrailing();
    }

    /** {@code apps:purge LABEL [--yes]}: without {@code --yes}, says what it would drop. */
    public String purge(String... args) throws SQLException {
        String label = null;
        boolean yes = false;
        for (String a : args) {
            if (a.equals("--yes")) {
                yes = true;
            } else if (label == null && !a.startsWith("-")) {
                label = a;
            } else {
                return "usage: apps:purge LABEL [--yes] (unexpected '" + a + "')";
            }
        }
        if (label == null) {
            return "usage: apps:purge LABEL [--yes]";
        }
        Optional<App> app = app(label);
        if (app.isPresent() && (app.get().state() == AppState.READY || app.get().state().isTransient())) {
            return "refused: app " + label + " is " + app.get().state() + "; purge drops the tables of an app that"
                    + " is not READY: stop or disable it first (apps:disable " + label + ")";
        }
        SchemaMigrator m = migrator.get();
        Purge check = m.purgeCheck(label);
        if (!check.recorded()) {
            return "no tables of " + label + " are recorded: nothing to purge";
        }
        if (!check.referencesIn().isEmpty()) {
            return "refused: other tables' foreign keys point into the tables of " + label + ": "
                    + String.join(", ", check.referencesIn()) + "; purge or change those apps first";
        }
        String tables = check.tables().isEmpty() ? "no tables (none remains)" : "tables " + String.join(", ", check.tables());
        if (!yes) {
            return "apps:purge " + label + " would drop " + tables + " and forget " + check.steps() + " recorded steps of "
                    + label + "; their rows are lost. Run apps:purge " + label + " --yes to drop them.";
        }
        Purge done = m.purge(label);
        if (!done.referencesIn().isEmpty()) {
            return "refused: other tables' foreign keys point into the tables of " + label + ": "
                    + String.join(", ", done.referencesIn()) + "; purge or change those apps first";
        }
        return "dropped " + tables + "; forgot " + done.steps() + " recorded steps of " + label;
    }
}
