package io.tessera.data.internal.schema;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Tessera's own tables say about one app: the schema it applied last ({@code null} if it never
 * applied one: the app's tables do not exist yet), the steps applied, oldest first, and whether a
 * set of steps was interrupted (the runtime died while applying it) and must be undone first.
 * Immutable.
 */
public record RecordedState(String appLabel, SchemaDescription description, List<AppliedStep> applied,
        boolean interrupted) {

    public RecordedState {
        applied = List.copyOf(applied);
    }

    /** One row of {@code tessera_migration}. */
    public record AppliedStep(int seq, String id, Step.Kind kind, String checksum, String description,
            Instant appliedAt) {
    }

    /** The last record of step {@code id}, if it was applied (or recorded as baseline). */
    public Optional<AppliedStep> step(String id) {
        AppliedStep found = null;
        for (AppliedStep s : applied) {
            if (s.id().equals(id)) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    public int lastSeq() {
        return applied.isEmpty() ? 0 : applied.get(applied.size() - 1).seq();
    }
}
