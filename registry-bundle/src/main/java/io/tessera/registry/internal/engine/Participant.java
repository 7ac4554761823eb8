package io.tessera.registry.internal.engine;

import java.util.Comparator;

import io.tessera.core.spi.AppParticipant;

/**
 * One registered {@link AppParticipant} service and what the registry knows of it: its service
 * id and ranking (which decide the order participants are asked in) and the bundle that
 * registered it (which the reasons an operator reads name). Immutable; a ranking change is a
 * removal and a new registration.
 *
 * @param bundleName the registering bundle's symbolic name
 */
public record Participant(AppParticipant service, long serviceId, int ranking, String bundleName, long bundleId) {

    /** The order participants are asked in: highest {@code service.ranking} first, then lowest service id. */
    static final Comparator<Participant> ORDER = Comparator.comparingInt(Participant::ranking).reversed()
            .thenComparingLong(Participant::serviceId);

    /** {@code io.tessera.data (bundle 12)}. */
    String describe() {
        return bundleName + " (bundle " + bundleId + ")";
    }

    @Override
    public String toString() {
        return "participant " + describe();
    }
}
