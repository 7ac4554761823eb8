package io.tessera.it;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.App;
import io.tessera.core.spi.AppParticipant;
import io.tessera.core.spi.Preparation;

/**
 * {@link ChurnOracleIT}'s seeded churn and oracle with a participant at work on every app: each
 * preparation is done inside {@code prepare} or later from a pool thread (after a progress
 * report), so reports race with the churn's starts, stops, updates and uninstalls. Once the
 * registry settles, every preparation has ended, and the states and event streams must be what
 * they are without a participant.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ChurnWithParticipantIT extends ChurnOracleIT {

    private ExecutorService workers;
    private ServiceRegistration<AppParticipant> registration;
    private final AtomicInteger prepared = new AtomicInteger();

    @Override
    @Configuration
    public Option[] config() {
        return tesseraOptions("ChurnWithParticipantIT");
    }

    @Before
    public void registerParticipant() {
        workers = Executors.newFixedThreadPool(2);
        registration = context.registerService(AppParticipant.class, new AppParticipant() {
            @Override
            public boolean concerns(App app) {
                return app.label().startsWith("node_");
            }

            @Override
            public void prepare(App app, Preparation preparation) {
                if (prepared.incrementAndGet() % 2 == 0) {
                    preparation.done();
                } else {
                    workers.execute(() -> {
                        preparation.progress("preparing " + app.label());
                        preparation.done();
                    });
                }
            }

            @Override
            public void cancel(App app, Preparation preparation) {
                // nothing to undo: the work is a report
            }
        }, null);
    }

    @After
    public void unregisterParticipant() {
        registration.unregister();
        workers.shutdownNow();
        System.out.println("ChurnWithParticipantIT: " + prepared + " preparations");
    }
}
