package io.tessera.registry.internal.engine;

import static io.tessera.registry.internal.engine.TestApp.app;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import io.tessera.core.AppEvent;
import io.tessera.core.AppState;
import io.tessera.core.spi.Preparation;

/**
 * The engine's side of the participant SPI, on a registry without OSGi: who is asked when and in
 * which order, what each report does to the app's state and reason, and what the participants are
 * told when the app cannot start or leaves. Reports made from the test thread are applied by the
 * engine's own thread; {@link #settle()} waits for that.
 */
public class ParticipantsTest extends RegistryTestSupport {

    private TestApp logged(String label, String... requires) {
        return app(label).requires(requires).onReady(() -> log.add(label + " ready"))
                .onStopping(() -> log.add(label + " stopping"));
    }

    private ScriptedParticipant participant(String name, String... labels) {
        return new ScriptedParticipant(name, log, labels);
    }

    /**
     * Waits, with a deadline, until the app is in {@code state} with {@code reason}: a report from
     * the test thread is applied by the engine's thread, and an app being PREPARING keeps the
     * registry from settling.
     */
    private void awaitState(String label, AppState state, String reason) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (state(label) != state || !reason(label).equals(reason)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + label + "' is " + state(label) + " (" + reason(label) + "), not " + state
                        + " (" + reason + ")");
            }
            Thread.onSpinWait(); // polling of a bounded wait, not synchronisation
        }
    }

    /** Waits, with a deadline, until {@code line} is the last line logged. */
    private void awaitLogged(String line) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (log.isEmpty() || !log.get(log.size() - 1).equals(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not logged last: " + line + " in " + log);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    public void withoutParticipantsAnAppBecomesReadyAsBefore() {
        long id = add(logged("blog"));
        settle();
        assertEquals(List.of(AppEvent.Type.INSTALLED, AppEvent.Type.STARTING, AppEvent.Type.READY), typesOf(id));
        assertEquals(List.of("blog ready"), log);
    }

    @Test
    public void aPreparationDoneInsidePrepareLeadsStraightToReady() {
        participant("data").doing((app, p) -> p.done()).register(registry, 1, 0);
        long id = add(logged("blog"));
        settle();
        assertEquals(List.of(AppEvent.Type.INSTALLED, AppEvent.Type.PREPARING, AppEvent.Type.STARTING,
                AppEvent.Type.READY), typesOf(id));
        assertEquals("being prepared by test.data", eventsOf(id).get(1).app().reason());
        assertEquals(List.of("data prepare blog (PREPARING)", "blog ready"), log);
    }

    @Test
    public void anAppWaitsInPreparingUntilTheParticipantIsDoneAndItsDependentsWaitForIt() throws Exception {
        ScriptedParticipant data = participant("data", "auth").register(registry, 1, 0);
        add(logged("auth"));
        add(logged("blog", "auth"));
        assertEquals(AppState.PREPARING, state("auth"));
        assertEquals("being prepared by test.data", reason("auth"));
        assertFalse("a participant is at work", registry.isSettled());
        assertEquals(AppState.WAITING, state("blog"));
        assertEquals("requires 'auth', which is PREPARING (see apps:diag auth)", reason("blog"));

        Thread worker = new Thread(() -> data.of("auth").done());
        worker.start();
        worker.join();
        settle();
        assertEquals(AppState.READY, state("auth"));
        assertEquals(AppState.READY, state("blog"));
        assertEquals(List.of("data prepare auth (PREPARING)", "auth ready", "blog ready"), log);
    }

    @Test
    public void progressAndWaitingAreTheAppsReason() {
        ScriptedParticipant data = participant("data").register(registry, 1, 0);
        add(logged("blog"));
        Preparation p = data.of("blog");
        assertEquals(List.of("data prepare blog (PREPARING)"), log);
        p.progress("applying migration 0001_initial of 'blog' (1 of 2)");
        awaitState("blog", AppState.PREPARING, "applying migration 0001_initial of 'blog' (1 of 2)");
        p.waiting("database unreachable at jdbc:h2:tcp://db/app: connection refused");
        settle();
        assertEquals(AppState.WAITING, state("blog"));
        assertEquals("database unreachable at jdbc:h2:tcp://db/app: connection refused", reason("blog"));
        assertTrue("a WAITING app is settled", registry.isSettled());
        p.progress("applying migration 0002_add_slug of 'blog' (2 of 2)");
        awaitState("blog", AppState.PREPARING, "applying migration 0002_add_slug of 'blog' (2 of 2)");
        p.done();
        settle();
        assertEquals(AppState.READY, state("blog"));
        p.failed("too late"); // ignored: the preparation ended
        p.progress("too late");
        settle();
        assertEquals(AppState.READY, state("blog"));
        assertEquals("", reason("blog"));
    }

    @Test
    public void participantsAreAskedOneAfterTheOtherByRankingThenServiceId() {
        ScriptedParticipant web = participant("web").register(registry, 3, 0);
        ScriptedParticipant data = participant("data").register(registry, 5, 10);
        ScriptedParticipant audit = participant("audit").register(registry, 4, 0);
        add(logged("blog"));
        assertEquals(List.of("data prepare blog (PREPARING)"), log);
        data.of("blog").done();
        awaitLogged("web prepare blog (PREPARING)");
        assertEquals(List.of("data prepare blog (PREPARING)", "web prepare blog (PREPARING)"), log);
        assertEquals("being prepared by test.web", reason("blog"));
        web.of("blog").done();
        awaitLogged("audit prepare blog (PREPARING)");
        audit.of("blog").done();
        settle();
        assertEquals(List.of("data prepare blog (PREPARING)", "web prepare blog (PREPARING)",
                "audit prepare blog (PREPARING)", "blog ready"), log);
    }

    @Test
    public void anAppNoParticipantConcernsIsNeverPreparing() {
        participant("data", "auth").register(registry, 1, 0);
        long id = add(logged("notes"));
        settle();
        assertEquals(List.of(AppEvent.Type.INSTALLED, AppEvent.Type.STARTING, AppEvent.Type.READY), typesOf(id));
    }

    @Test
    public void aFailureMakesTheAppFailedAndCancelsTheParticipantsAlreadyDone() {
        participant("data").doing((app, p) -> p.done()).register(registry, 1, 10);
        participant("web").doing((app, p) -> p.failed("route /blog/ is taken by 'news'")).register(registry, 2, 0);
        add(logged("blog"));
        add(logged("admin", "blog"));
        settle();
        assertEquals(AppState.FAILED, state("blog"));
        assertEquals("participant test.web (bundle 102) failed to prepare it: route /blog/ is taken by 'news'; fix the"
                + " app and update or restart its bundle to try again", reason("blog"));
        assertEquals(List.of("data prepare blog (PREPARING)", "web prepare blog (PREPARING)", "data cancel blog"), log);
        assertEquals(AppState.WAITING, state("admin"));
        assertContains(reason("admin"), "requires 'blog', which is FAILED (participant test.web");
    }

    @Test
    public void aParticipantThatThrowsFromPrepareFailsTheAppNamingItsBundle() {
        participant("data").doing((app, p) -> {
            throw new IllegalStateException("no dialect for this database");
        }).register(registry, 1, 0);
        add(logged("blog"));
        settle();
        assertEquals(AppState.FAILED, state("blog"));
        assertContains(reason("blog"), "participant test.data (bundle 101) threw from prepare(): IllegalStateException:"
                + " no dialect for this database (at ", "; fix the app and update or restart its bundle to try again");
        assertFalse(log.contains("blog ready"));
    }

    @Test
    public void anAppThatLeavesWhilePreparingIsGoneAtOnceAndTheParticipantIsCancelled() {
        ScriptedParticipant data = participant("data").register(registry, 1, 0);
        long id = add(logged("blog"));
        Preparation p = data.of("blog");
        registry.remove(id);
        assertFalse(registry.findApp("blog").isPresent());
        assertTrue(p.isCancelled());
        assertEquals(List.of("data prepare blog (PREPARING)", "data cancel blog"), log);
        p.done(); // ignored
        settle();
        assertEquals(List.of("data prepare blog (PREPARING)", "data cancel blog"), log);
        assertEquals(List.of(AppEvent.Type.INSTALLED, AppEvent.Type.PREPARING, AppEvent.Type.REMOVED), typesOf(id));
    }

    @Test
    public void aRequirementLeavingCancelsThePreparationAndTheAppWaitsAtOnce() {
        ScriptedParticipant data = participant("data", "blog").register(registry, 1, 0);
        long auth = add(logged("auth"));
        add(logged("blog", "auth"));
        assertEquals(AppState.PREPARING, state("blog"));
        registry.remove(auth);
        assertEquals(AppState.WAITING, state("blog"));
        assertEquals("requires 'auth', which is not installed", reason("blog"));
        assertTrue(data.of("blog").isCancelled());
        add(logged("auth"));
        assertEquals("a new preparation", AppState.PREPARING, state("blog"));
        assertEquals(List.of("auth ready", "data prepare blog (PREPARING)", "auth stopping", "data cancel blog",
                "auth ready", "data prepare blog (PREPARING)"), log);
    }

    @Test
    public void aReadyAppThatLeavesIsReportedToItsParticipantsAfterItsStoppingHook() {
        participant("data").doing((app, p) -> p.done()).register(registry, 1, 0);
        long id = add(logged("blog"));
        registry.remove(id);
        assertEquals(List.of("data prepare blog (PREPARING)", "blog ready", "blog stopping", "data left blog"), log);
    }

    @Test
    public void aRevokedPreparationStepsTheAppDownDependentsFirstAndPreparesItAgain() {
        ScriptedParticipant data = participant("data", "auth").doing((app, p) -> p.done()).register(registry, 1, 0);
        add(logged("auth"));
        add(logged("blog", "auth"));
        assertEquals(AppState.READY, state("blog"));
        log.clear();
        data.onPrepare = (app, p) -> { };
        data.of("auth").revoke("database unreachable at jdbc:h2:tcp://db/app: connection refused");
        settle();
        assertEquals(List.of("blog stopping", "auth stopping", "data prepare auth (WAITING)"), log);
        assertEquals(AppState.WAITING, state("auth"));
        assertEquals("database unreachable at jdbc:h2:tcp://db/app: connection refused", reason("auth"));
        assertEquals("requires 'auth', which is WAITING (see apps:diag auth)", reason("blog"));
        data.of("auth").done();
        settle();
        assertEquals(AppState.READY, state("blog"));
        assertEquals(List.of("blog stopping", "auth stopping", "data prepare auth (WAITING)", "auth ready",
                "blog ready"), log);
    }

    @Test
    public void aParticipantArrivingWhileAppsAreReadyPreparesThoseItConcerns() {
        add(logged("auth"));
        add(logged("blog", "auth"));
        add(logged("notes"));
        log.clear();
        ScriptedParticipant data = participant("data", "auth", "blog").register(registry, 1, 0);
        assertEquals(List.of("blog stopping", "auth stopping", "data prepare auth (PREPARING)"), log);
        assertEquals(AppState.READY, state("notes"));
        assertEquals("requires 'auth', which is PREPARING (see apps:diag auth)", reason("blog"));
        data.of("auth").done();
        awaitLogged("data prepare blog (PREPARING)");
        data.of("blog").done();
        settle();
        assertEquals(List.of("blog stopping", "auth stopping", "data prepare auth (PREPARING)", "auth ready",
                "data prepare blog (PREPARING)", "blog ready"), log);
        assertEquals(AppState.READY, state("blog"));
    }

    @Test
    public void aParticipantLeavingMidPreparationIsForgottenAndTheOthersGoOn() {
        ScriptedParticipant data = participant("data").register(registry, 1, 10);
        participant("web").doing((app, p) -> p.done()).register(registry, 2, 0);
        long id = add(logged("blog"));
        Preparation p = data.of("blog");
        registry.removeParticipant(1);
        settle();
        assertTrue("its preparation counts as cancelled", p.isCancelled());
        assertEquals(AppState.READY, state("blog"));
        assertEquals(List.of("data prepare blog (PREPARING)", "web prepare blog (PREPARING)", "blog ready"), log);
        registry.remove(id);
        assertEquals("only the participant still there is told the app left", "web left blog",
                log.get(log.size() - 1));
    }

    @Test
    public void aParticipantThatThrowsFromCancelOrLeftChangesNothing() {
        ScriptedParticipant data = new ScriptedParticipant("data", log) {
            @Override
            public void cancel(io.tessera.core.App app, Preparation preparation) {
                throw new IllegalStateException("cancel broke");
            }
        };
        data.register(registry, 1, 0);
        long id = add(logged("blog"));
        registry.remove(id);
        assertFalse(registry.findApp("blog").isPresent());
        add(logged("notes"));
        assertEquals(AppState.PREPARING, state("notes"));
    }

    @Test
    public void switchingAnAppOffWhilePreparingCancelsItAndTheAppIsDisabledAtOnce() {
        ScriptedParticipant data = participant("data").register(registry, 1, 0);
        add(logged("blog"));
        assertEquals(AppState.PREPARING, state("blog"));
        registry.setDisabled(() -> java.util.Set.of("blog"));
        assertEquals(AppState.DISABLED, state("blog"));
        assertTrue(data.of("blog").isCancelled());
        registry.setDisabled(java.util.Set::of);
        assertEquals(AppState.PREPARING, state("blog"));
        registry.setSafeMode(true);
        assertEquals(AppState.DISABLED, state("blog"));
        assertEquals(List.of("data prepare blog (PREPARING)", "data cancel blog", "data prepare blog (PREPARING)",
                "data cancel blog"), log);
        registry.setSafeMode(false);
        data.of("blog").done();
        settle();
        assertEquals(AppState.READY, state("blog"));
    }

    @Test
    public void aParticipantPresentWhenTheAppsArriveTogetherPreparesThemBeforeAnyIsReady() {
        participant("data").doing((app, p) -> p.done()).register(registry, 1, 0);
        registry.asOneBatch(() -> {
            registry.add(candidate(logged("blog", "auth")));
            registry.add(candidate(logged("auth")));
        });
        assertEquals(List.of("data prepare auth (PREPARING)", "auth ready", "data prepare blog (PREPARING)",
                "blog ready"), log);
    }
}
