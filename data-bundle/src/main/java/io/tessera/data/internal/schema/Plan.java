package io.tessera.data.internal.schema;

import java.util.List;

import io.tessera.data.internal.Dialect;

/**
 * What bringing one app's tables to its models takes, computed without changing anything: the steps
 * to run in order (shipped steps first, then derived ones), the shipped steps to record as baseline
 * without running them (a fresh install), or a refusal saying why nothing may be run and what to
 * do. Immutable.
 *
 * @param appLabel    the app
 * @param dialect     the database it was planned for
 * @param target      the schema the app's models ask for; {@code null} if they cannot be mapped
 * @param basedOn     the checksum of the recorded schema it was planned from; {@code null} if none
 * @param lastSeq     the last step number recorded for the app when planned
 * @param steps       to run, in order; derived steps that follow shipped ones are a prediction, made
 *                    again against the real tables after the shipped steps ran
 * @param baseline    shipped steps recorded as applied without running
 * @param refusal     why the plan must not run, in words an operator can act on; {@code null} if it may
 * @param reconcile   whether shipped steps run, so that the derived steps are computed again after them
 * @param interrupted whether an interrupted set is undone before this plan runs
 */
public record Plan(String appLabel, Dialect dialect, SchemaDescription target, String basedOn, int lastSeq,
        List<Step> steps, List<Step> baseline, String refusal, boolean reconcile, boolean interrupted) {

    public Plan {
        steps = List.copyOf(steps);
        baseline = List.copyOf(baseline);
    }

    public boolean refused() {
        return refusal != null;
    }

    /** Nothing to run or record: the tables already match the models. */
    public boolean upToDate() {
        return refusal == null && steps.isEmpty() && baseline.isEmpty() && !interrupted;
    }

    /** The pending step called {@code id}, if any. */
    public java.util.Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
