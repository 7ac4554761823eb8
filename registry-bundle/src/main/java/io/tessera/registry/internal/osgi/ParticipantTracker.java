package io.tessera.registry.internal.osgi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.tessera.core.spi.AppParticipant;
import io.tessera.registry.internal.engine.Participant;
import io.tessera.registry.internal.engine.TesseraRegistry;

/**
 * The participant whiteboard: every {@link AppParticipant} service takes part in the arrival of
 * the apps it concerns, in the order of its {@code service.ranking} (highest first) and service
 * id. A ranking change counts as leaving and registering again. Each change returns once the
 * registry applied it.
 */
final class ParticipantTracker extends ServiceTracker<AppParticipant, Participant> {

    private final TesseraRegistry registry;
    /** The ranking each tracked participant was added with, by service id. */
    private final Map<Long, Integer> rankings = new ConcurrentHashMap<>();

    ParticipantTracker(BundleContext context, TesseraRegistry registry) {
        super(context, AppParticipant.class, null);
        this.registry = registry;
    }

    @Override
    public Participant addingService(ServiceReference<AppParticipant> reference) {
        AppParticipant service = context.getService(reference);
        if (service == null) {
            return null; // its bundle is going away, or its factory failed: nothing to take part
        }
        Participant p = describe(reference, service);
        rankings.put(p.serviceId(), p.ranking());
        registry.addParticipant(p);
        return p;
    }

    @Override
    public void modifiedService(ServiceReference<AppParticipant> reference, Participant p) {
        Participant now = describe(reference, p.service());
        Integer was = rankings.put(now.serviceId(), now.ranking());
        if (was == null || was != now.ranking()) {
            registry.removeParticipant(p.serviceId());
            registry.addParticipant(now);
        }
    }

    @Override
    public void removedService(ServiceReference<AppParticipant> reference, Participant p) {
        rankings.remove(p.serviceId());
        registry.removeParticipant(p.serviceId());
        try {
            context.ungetService(reference);
        } catch (IllegalStateException registryStopping) {
            // nothing to release
        }
    }

    private static Participant describe(ServiceReference<AppParticipant> reference, AppParticipant service) {
        Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
        return new Participant(service, (Long) reference.getProperty(Constants.SERVICE_ID),
                ranking instanceof Integer i ? i : 0, reference.getBundle().getSymbolicName(),
                reference.getBundle().getBundleId());
    }
}
