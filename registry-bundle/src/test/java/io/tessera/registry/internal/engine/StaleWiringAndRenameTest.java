package io.tessera.registry.internal.engine;

import static io.tessera.registry.internal.engine.TestApp.app;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import io.tessera.core.AppEvent;
import io.tessera.core.AppState;
import io.tessera.registry.internal.index.Candidate;

/**
 * The engine's side of two lifecycle edges: a bundle's stale wiring makes its apps wait (and
 * what requires them step down) until it is current again; an app renamed in place keeps its
 * state and frees its old name.
 */
public class StaleWiringAndRenameTest extends RegistryTestSupport {

    private static final String STALE = "bundle 12 (test.consumer) still uses the old revision of bundle 11; run 'refresh 11'";

    @Test
    public void aStaleBundlesAppWaitsWithTheReasonGiven_itsDependentsStepDown_andAllComeBackWhenItIsCurrent() {
        TestApp consumer = app("consumer").onStopping(() -> log.add("consumer stopping"));
        Candidate c = candidate(consumer);
        add(c);
        add(app("admin").requires("consumer").onStopping(() -> log.add("admin stopping")));
        add(app("other"));
        assertEquals(AppState.READY, state("admin"));

        registry.staleWiring(c.origin().bundleId(), STALE);
        assertEquals(AppState.WAITING, state("consumer"));
        assertEquals(STALE, reason("consumer"));
        assertEquals(AppState.WAITING, state("admin"));
        assertEquals(List.of("admin stopping", "consumer stopping"), log);
        assertEquals(AppState.READY, state("other"));

        registry.staleWiring(c.origin().bundleId(), STALE); // the same fact again changes nothing
        assertEquals(1, consumer.stoppingCalls.get());

        registry.staleWiring(c.origin().bundleId(), null);
        assertEquals(AppState.READY, state("consumer"));
        assertEquals(AppState.READY, state("admin"));
        assertEquals(2, consumer.readyCalls.get());
    }

    @Test
    public void anAppArrivingFromAStaleBundleWaitsFromTheStart() {
        Candidate c = candidate(app("late"));
        registry.staleWiring(c.origin().bundleId(), STALE);
        add(c);
        assertEquals(AppState.WAITING, state("late"));
        assertEquals(STALE, reason("late"));
        registry.staleWiring(c.origin().bundleId() + 1, STALE); // another bundle: nothing to do with it
        registry.staleWiring(c.origin().bundleId(), null);
        assertEquals(AppState.READY, state("late"));
    }

    @Test
    public void aRenamedAppKeepsItsStateAndHooksAndTheOldNameIsFree() {
        TestApp shop = app("shop");
        Candidate c = candidate(shop);
        add(c);
        String oldName = c.name();
        assertTrue(registry.isInstalled(oldName));

        registry.rename(c.id(), oldName + ".shop");
        settle();
        assertEquals(AppState.READY, state("shop"));
        assertEquals(oldName + ".shop", registry.app("shop").name());
        assertTrue(registry.isInstalled(oldName + ".shop"));
        assertFalse(registry.isInstalled(oldName));
        assertEquals(1, shop.readyCalls.get());
        assertEquals(0, shop.stoppingCalls.get());
        assertEquals(List.of(AppEvent.Type.INSTALLED, AppEvent.Type.STARTING, AppEvent.Type.READY), typesOf(c.id()));

        add(app("again").named(oldName)); // the old name is free for another app
        assertEquals(AppState.READY, state("again"));
    }

    @Test
    public void aRenameIntoATakenNameFailsTheRenamedAppSayingWhatToOverride() {
        add(app("first").named("org.example.taken"));
        Candidate c = candidate(app("second"));
        add(c);
        registry.rename(c.id(), "org.example.taken");
        assertEquals(AppState.FAILED, state("second"));
        assertEquals("name 'org.example.taken' is already used by app 'first' (test.bundle" + (c.origin().bundleId() - 1)
                + ", bundle " + (c.origin().bundleId() - 1) + "); app names must be unique: override name() in one of"
                + " them", reason("second"));
        registry.rename(c.id(), "org.example.second");
        assertEquals(AppState.READY, state("second"));
    }
}
