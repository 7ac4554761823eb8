package io.tessera.data.internal.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.tessera.data.internal.Dialect;

/**
 * Decides what an app's tables need, from what its models ask for, the steps it ships and what
 * Tessera recorded. Pure: the caller reads the database.
 *
 * <ul>
 * <li>No recorded schema (a fresh install): create every table; the shipped steps are recorded as
 * baseline, not run, since they migrate data of older versions that is not there. Refused if a
 * table of the app exists already without a record.</li>
 * <li>A recorded schema and no pending shipped step: the derived changes; refused when any change
 * could lose data ({@link SchemaDiff#lossy()}).</li>
 * <li>Pending shipped steps: they run first; the derived changes are computed again after them,
 * against the real tables.</li>
 * </ul>
 * A shipped step whose file changed after it was applied refuses the plan; on H2 so does a pending
 * shipped step without an undo file.
 */
public final class Planner {

    private Planner() {
    }

    /**
     * @param desired        the app's tables as its models ask for them
     * @param shipped        the app's shipped steps, by number
     * @param recorded       what Tessera's tables say about the app
     * @param existingTables those of {@code desired}'s tables that exist in the database
     */
    public static Plan plan(SchemaDescription desired, List<ShippedStep> shipped, RecordedState recorded,
            Set<String> existingTables, Dialect dialect) {
        String label = desired.appLabel();
        String basedOn = recorded.description() == null ? null : recorded.description().checksum();
        List<String> problems = new ArrayList<>();
        List<ShippedStep> pending = new ArrayList<>();
        for (ShippedStep s : shipped) {
            var applied = recorded.step(s.id());
            if (applied.isEmpty()) {
                pending.add(s);
            } else if (!applied.get().checksum().equals(s.checksum())) {
                problems.add("step " + s.path() + " changed after it was applied on "
                        + applied.get().appliedAt() + ": restore it as it was, and ship the change as a new step");
            }
        }
        if (recorded.description() == null) {
            for (Table t : desired.tables()) {
                if (existingTables.contains(t.name())) {
                    problems.add("table " + t.name() + " for model " + t.model() + " exists, but Tessera has no record"
                            + " of creating it: drop or rename that table, or remove it from the database");
                }
            }
            if (!problems.isEmpty()) {
                return refused(desired, dialect, basedOn, recorded, problems);
            }
            List<Step> baseline = pending.stream().map(ShippedStep::baseline).toList();
            return new Plan(label, dialect, desired, null, recorded.lastSeq(), SchemaDiff.creation(desired, dialect).steps(),
                    baseline, null, false, recorded.interrupted());
        }
        if (dialect == Dialect.H2) {
            for (ShippedStep s : pending) {
                if (s.undo() == null) {
                    problems.add("step " + s.path() + " has no undo file " + s.id() + ".undo.sql: on H2, whose DDL"
                            + " commits at once, Tessera takes a step back with it when a later step fails or the"
                            + " runtime stops in the middle; ship one beside the step");
                }
            }
        }
        if (!problems.isEmpty()) {
            return refused(desired, dialect, basedOn, recorded, problems);
        }
        SchemaDiff diff = SchemaDiff.between(recorded.description(), desired, dialect);
        if (pending.isEmpty()) {
            if (!diff.lossy().isEmpty()) {
                return refused(desired, dialect, basedOn, recorded, diff.lossy());
            }
            return new Plan(label, dialect, desired, basedOn, recorded.lastSeq(), diff.steps(), List.of(), null, false,
                    recorded.interrupted());
        }
        List<Step> steps = new ArrayList<>();
        pending.forEach(s -> steps.add(s.step()));
        steps.addAll(diff.steps());
        return new Plan(label, dialect, desired, basedOn, recorded.lastSeq(), steps, List.of(), null, true,
                recorded.interrupted());
    }

    /** A plan for models that cannot be mapped. */
    public static Plan unmappable(String label, Dialect dialect, SchemaException problem, RecordedState recorded) {
        return new Plan(label, dialect, null, null, recorded.lastSeq(), List.of(), List.of(), problem.getMessage(),
                false, recorded.interrupted());
    }

    private static Plan refused(SchemaDescription desired, Dialect dialect, String basedOn, RecordedState recorded,
            List<String> problems) {
        return new Plan(desired.appLabel(), dialect, desired, basedOn, recorded.lastSeq(), List.of(), List.of(),
                String.join("; ", problems), false, recorded.interrupted());
    }
}
