package io.tessera.registry.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.osgi.framework.Version;

import io.tessera.core.AppEvent;
import io.tessera.core.AppState;
import io.tessera.core.Requirement;
import io.tessera.registry.internal.index.AppRecord;
import io.tessera.registry.internal.index.Candidate;
import io.tessera.registry.internal.index.Origin;

/** Apps whose bundle is installed but not running them: listed, claiming nothing, replaced in one batch. */
public class PlaceholderConformanceTest extends RegistryTestSupport {

    private static Origin origin(long bundleId) {
        return new Origin(bundleId, "test.b" + bundleId, "file:/b" + bundleId + ".jar", new Version(1, 0, 0));
    }

    private static InactiveBundle stopped(long bundleId, String... labels) {
        return new InactiveBundle(origin(bundleId), List.of(labels), AppState.STOPPED,
                "bundle " + bundleId + " is stopped: start " + bundleId, "stopped (start " + bundleId + ")");
    }

    @Test
    public void aStoppedAppIsListedUnderItsLabelWithItsReason() {
        registry.setInactive(7, stopped(7, "auth"));
        settle();
        assertEquals(AppState.STOPPED, state("auth"));
        assertEquals("bundle 7 is stopped: start 7", reason("auth"));
        assertEquals(7, registry.app("auth").bundleId());
        assertTrue("no models while not running", registry.app("auth").models().isEmpty());
    }

    @Test
    public void aPlaceholderNeverTakesALabelFromARunningApp() {
        add(TestApp.app("auth"));
        registry.setInactive(7, stopped(7, "auth"));
        settle();
        assertEquals(AppState.READY, state("auth"));
        assertEquals(2, registry.apps().stream().filter(a -> a.label().equals("auth")).count());
    }

    @Test
    public void anUnknownLabelIsListedButNeverALookupKey() {
        registry.setInactive(12, stopped(12));
        settle();
        assertEquals(List.of("? (bundle 12)"), registry.apps().stream().map(a -> a.label()).toList());
        assertTrue(registry.findApp("? (bundle 12)").isEmpty());
    }

    @Test
    public void aRequirerIsToldHowTheAppIsInstalled() {
        add(TestApp.app("blog").requires(Requirement.of("auth")));
        registry.setInactive(7, stopped(7, "auth"));
        settle();
        assertEquals("requires 'auth', which is installed as bundle 7 but stopped (start 7)", reason("blog"));
        registry.setInactive(7, null);
        settle();
        assertEquals("requires 'auth', which is not installed", reason("blog"));
    }

    @Test
    public void theArrivingConfigReplacesThePlaceholderInOneBatchAndEventsStayInOrder() {
        registry.setInactive(7, stopped(7, "auth"));
        settle();
        long placeholder = ((AppRecord) registry.app("auth")).id();
        long app = add(candidate(TestApp.app("auth"), origin(7)));
        settle();
        assertEquals(AppState.READY, state("auth"));
        assertEquals(1, registry.apps().size());
        assertEquals(List.of(AppEvent.Type.INSTALLED, AppEvent.Type.REMOVED), typesOf(placeholder));
        assertTrue("the placeholder leaves before the app arrives",
                events.indexOf(eventsOf(placeholder).get(1)) < events.indexOf(eventsOf(app).get(0)));
        assertEquals("a config in the index: the bundle runs its app, no placeholder", List.of("auth"),
                apply(() -> registry.setInactive(7, stopped(7, "auth"))));
    }

    @Test
    public void aWithdrawnConfigIsFollowedByItsPlaceholderInTheSameBatch() {
        long app = add(candidate(TestApp.app("auth"), origin(7)));
        registry.remove(app, 7, stopped(7, "auth"));
        settle();
        assertEquals(AppState.STOPPED, state("auth"));
        AppEvent removed = eventsOf(app).get(eventsOf(app).size() - 1);
        assertEquals(AppEvent.Type.REMOVED, removed.type());
        long placeholder = ((AppRecord) registry.app("auth")).id();
        assertEquals("INSTALLED in its state, after the app left", AppState.STOPPED, eventsOf(placeholder).get(0).app().state());
        assertTrue(events.indexOf(removed) < events.indexOf(eventsOf(placeholder).get(0)));
    }

    @Test
    public void aFailedActivatorIsFailedAndItsReasonIsReplacedAsTheBundleChanges() {
        registry.setInactive(7, new InactiveBundle(origin(7), List.of("auth"), AppState.FAILED,
                "bundle 7 did not start: its activator threw", "FAILED: its activator threw (see apps:diag auth)"));
        settle();
        assertEquals(AppState.FAILED, state("auth"));
        long id = ((AppRecord) registry.app("auth")).id();
        registry.setInactive(7, stopped(7, "auth"));
        settle();
        assertEquals("the same app, its state replaced", id, ((AppRecord) registry.app("auth")).id());
        assertEquals(AppState.STOPPED, state("auth"));
    }

    private List<String> apply(Runnable change) {
        change.run();
        settle();
        return registry.apps().stream().map(a -> a.label()).toList();
    }

    @Test
    public void placeholdersAreNotCandidatesOfAConfig() {
        Candidate c = Candidate.placeholder(-1, origin(3), null);
        assertTrue(c.placeholder());
        assertEquals("? (bundle 3)", c.label());
        assertTrue(!c.labelKnown());
        assertTrue(Candidate.placeholder(-2, origin(3), "auth").labelKnown());
    }
}
