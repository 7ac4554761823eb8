package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.App;
import io.tessera.core.AppActivation;
import io.tessera.core.AppEvent;
import io.tessera.core.AppListener;
import io.tessera.core.AppState;
import io.tessera.core.spi.AppParticipant;
import io.tessera.core.spi.Preparation;

/**
 * Participants ({@link AppParticipant} services registered from this test, as the data and web
 * bundles will) in the real framework: apps PREPARING until they are done, in the words the shell
 * shows; failures, waits, revokes, throws; cancel when the app's bundle stops mid-preparation;
 * participants arriving while apps are READY and leaving mid-preparation; and {@code apps:enable}
 * recorded only once the app's preparation succeeded.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ParticipantsIT extends TesseraTestSupport {

    /** A participant of the apps whose label starts with "p_" (the examples are left alone). */
    static final class Scripted implements AppParticipant {

        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Preparation> preparations = new ConcurrentHashMap<>();
        private final String name;
        volatile BiConsumer<App, Preparation> onPrepare;

        Scripted(String name, BiConsumer<App, Preparation> onPrepare) {
            this.name = name;
            this.onPrepare = onPrepare;
        }

        @Override
        public boolean concerns(App app) {
            return app.label().startsWith("p_");
        }

        @Override
        public void prepare(App app, Preparation preparation) {
            calls.add(name + " prepare " + app.label() + " (" + app.state() + ")");
            preparations.put(app.label(), preparation);
            onPrepare.accept(app, preparation);
        }

        @Override
        public void cancel(App app, Preparation preparation) {
            calls.add(name + " cancel " + app.label() + (preparation.isCancelled() ? "" : " (not cancelled?)"));
        }

        @Override
        public void left(App app) {
            calls.add(name + " left " + app.label());
        }
    }

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return tesseraOptions("ParticipantsIT");
    }

    @After
    public void unregisterParticipants() throws Exception {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException gone) {
                // unregistered by the test
            }
        }
        registrations.clear();
        AppActivation activation = context.getService(context.getServiceReference(AppActivation.class));
        if (!activation.isEnabled("p_tx")) {
            activation.enable("p_tx");
        }
    }

    private Scripted register(String name, int ranking, BiConsumer<App, Preparation> onPrepare) {
        Scripted s = new Scripted(name, onPrepare);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, ranking);
        registrations.add(context.registerService(AppParticipant.class, s, props));
        return s;
    }

    /** How the registry names this test's participants: by the probe bundle that registers them. */
    private String me() {
        return context.getBundle().getSymbolicName();
    }

    private String meWithId() {
        return me() + " (bundle " + context.getBundle().getBundleId() + ")";
    }

    private static final BiConsumer<App, Preparation> DONE_AT_ONCE = (app, p) -> p.done();
    private static final BiConsumer<App, Preparation> LATER = (app, p) -> { };

    private void awaitState(String label, AppState state) throws InterruptedException {
        await(label + " is " + state + " (it is " + registry.findApp(label).map(a -> a.state() + ": " + a.reason())
                .orElse("absent") + ")", () -> registry.findApp(label).map(App::state).orElse(null) == state);
    }

    @Test
    public void aParticipantDoneInsidePrepareLeadsStraightToReady() throws Exception {
        Scripted data = register("data", 0, DONE_AT_ONCE);
        List<AppEvent> events = Collections.synchronizedList(new ArrayList<>());
        ServiceRegistration<AppListener> listener = context.registerService(AppListener.class, e -> {
            if (e.app().label().equals("p_sync")) {
                events.add(e);
            }
        }, null);
        try {
            installAndStart(TestBundles.app("p_sync"));
            settle();
        } finally {
            listener.unregister();
        }
        assertEquals(AppState.READY, stateOf("p_sync"));
        assertEquals(List.of("data prepare p_sync (PREPARING)"), data.calls);
        assertEquals(List.of("p_sync:ready"), List.copyOf(journal));
        assertEquals("[#0 p_sync INSTALLED, PREPARING: being prepared by " + me() + ", STARTING, READY]",
                events.stream().map(e -> e.type() == AppEvent.Type.INSTALLED ? "#0 p_sync INSTALLED"
                        : e.type() + (e.app().reason().isEmpty() ? "" : ": " + e.app().reason())).toList().toString());
        assertExamplesReady();
    }

    @Test
    public void anAppIsPreparingUntilDoneFromAnotherThreadAndItsDependentsWait() throws Exception {
        Scripted data = register("data", 0, LATER);
        installAndStart(TestBundles.app("p_base"));
        installAndStart(TestBundles.app("p_dep").models().requires("p_base"));
        awaitState("p_base", AppState.PREPARING);
        assertEquals("being prepared by " + me(), registry.app("p_base").reason());
        assertEquals(AppState.WAITING, stateOf("p_dep"));
        assertEquals("requires 'p_base', which is PREPARING (see apps:diag p_base)", registry.app("p_dep").reason());
        assertFalse("a participant is at work", registry.isSettled());
        String list = shell("apps:list");
        assertTrue(list, list.matches("(?s).*\\np_base\\s+PREPARING\\s+.*"));
        assertTrue(list, list.contains(" 1 PREPARING"));
        assertTrue(shell("apps:info p_base").contains("\n  state:       PREPARING: being prepared by " + me() + "\n"));
        assertTrue(shell("apps:diag p_base"), shell("apps:diag p_base").startsWith(
                "p_base PREPARING: being prepared by " + me() + "\n"));
        assertTrue(shell("apps:diag p_base"), shell("apps:diag p_base").contains("waiting for p_base:\n"
                + "  p_dep WAITING: requires 'p_base', which is PREPARING (see apps:diag p_base)\n"));

        data.preparations.get("p_base").progress("applying migration 0001_initial of 'p_base' (1 of 1)");
        await("the progress is the reason", () -> registry.app("p_base").reason()
                .equals("applying migration 0001_initial of 'p_base' (1 of 1)"));
        Thread worker = new Thread(() -> data.preparations.get("p_base").done(), "participant-worker");
        worker.start();
        worker.join();
        awaitState("p_dep", AppState.PREPARING); // p_dep is the participant's too: prepared once p_base is READY
        assertEquals(AppState.READY, stateOf("p_base"));
        data.preparations.get("p_dep").done();
        settle();
        assertEquals(AppState.READY, stateOf("p_dep"));
        assertEquals(List.of("p_base:ready", "p_dep:ready"), List.copyOf(journal));
        assertEquals(List.of("data prepare p_base (PREPARING)", "data prepare p_dep (PREPARING)"), data.calls);
    }

    @Test
    public void aFailedPreparationMakesTheAppFailedUntilItsBundleIsRestarted() throws Exception {
        Scripted data = register("data", 0, (app, p) -> p.failed("migration 0002_add_slug failed: Syntax error"));
        Bundle b = installAndStart(TestBundles.app("p_fail"));
        installAndStart(TestBundles.app("p_after").requires("p_fail"));
        settle();
        String reason = "participant " + meWithId() + " failed to prepare it: migration 0002_add_slug failed: Syntax"
                + " error; fix the app and update or restart its bundle to try again";
        assertEquals(AppState.FAILED, stateOf("p_fail"));
        assertEquals(reason, registry.app("p_fail").reason());
        assertTrue(shell("apps:diag p_fail"), shell("apps:diag p_fail").startsWith("p_fail FAILED: " + reason + "\n"));
        assertTrue(shell("apps:check"), shell("apps:check").contains("ERROR p_fail: " + reason + "\n"));
        assertEquals(AppState.WAITING, stateOf("p_after"));
        assertTrue(journal.isEmpty());

        data.onPrepare = DONE_AT_ONCE;
        b.stop();
        b.start();
        settle();
        assertEquals(AppState.READY, stateOf("p_fail"));
        assertEquals(AppState.READY, stateOf("p_after"));
        assertExamplesReady();
    }

    @Test
    public void aParticipantThatThrowsFromPrepareFailsTheAppNamingItsBundle() throws Exception {
        register("data", 0, (app, p) -> {
            throw new IllegalStateException("no dialect for jdbc:nosuch:db");
        });
        installAndStart(TestBundles.app("p_throw"));
        settle();
        assertEquals(AppState.FAILED, stateOf("p_throw"));
        String reason = registry.app("p_throw").reason();
        assertTrue(reason, reason.startsWith("participant " + meWithId() + " threw from prepare(): IllegalStateException:"
                + " no dialect for jdbc:nosuch:db (at ParticipantsIT.java:"));
        assertTrue(reason, reason.endsWith("; fix the app and update or restart its bundle to try again"));
    }

    @Test
    public void aParticipantThatWaitsIsShownWaitingAndTheAppComesWhenItIsDone() throws Exception {
        Scripted data = register("data", 0, (app, p) -> p.waiting("database unreachable at jdbc:h2:tcp://db/app"));
        installAndStart(TestBundles.app("p_wait"));
        settle(); // waiting is a settled state: it changes when something outside does
        assertEquals(AppState.WAITING, stateOf("p_wait"));
        assertEquals("database unreachable at jdbc:h2:tcp://db/app", registry.app("p_wait").reason());
        assertTrue(shell("apps:diag"), shell("apps:diag p_wait").startsWith(
                "p_wait WAITING: database unreachable at jdbc:h2:tcp://db/app\n"));
        data.preparations.get("p_wait").done();
        settle();
        assertEquals(AppState.READY, stateOf("p_wait"));
    }

    @Test
    public void aRevokedAppStepsDownWaitsAndIsPreparedAgain() throws Exception {
        Scripted data = register("data", 0, DONE_AT_ONCE);
        installAndStart(TestBundles.app("p_rev"));
        installAndStart(TestBundles.app("p_revdep").requires("p_rev"));
        settle();
        assertEquals(AppState.READY, stateOf("p_revdep"));
        journal.clear();
        data.onPrepare = LATER;
        data.preparations.get("p_rev").revoke("the database went away");
        awaitState("p_rev", AppState.WAITING);
        settle();
        assertEquals("the database went away", registry.app("p_rev").reason());
        assertEquals(List.of("p_revdep:stopping", "p_rev:stopping"), List.copyOf(journal));
        assertEquals("data prepare p_rev (WAITING)", data.calls.get(data.calls.size() - 1));
        assertTrue("p_revdep was READY: told it left", data.calls.contains("data left p_revdep"));
        data.onPrepare = DONE_AT_ONCE; // p_revdep, prepared again once p_rev is back
        data.preparations.get("p_rev").done();
        settle();
        assertEquals(AppState.READY, stateOf("p_revdep"));
        assertEquals(List.of("p_revdep:stopping", "p_rev:stopping", "p_rev:ready", "p_revdep:ready"),
                List.copyOf(journal));
    }

    @Test
    public void stoppingTheBundleMidPreparationCancelsItAndTheAppIsStoppedAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch working = new CountDownLatch(1);
        List<String> worker = Collections.synchronizedList(new ArrayList<>());
        Scripted data = register("data", 0, (app, p) -> new Thread(() -> {
            working.countDown();
            try {
                release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker.add("cancelled: " + p.isCancelled());
            p.done(); // too late: ignored
        }, "slow-migration").start());
        Bundle b = installAndStart(TestBundles.app("p_slow"));
        assertTrue(working.await(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertEquals(AppState.PREPARING, stateOf("p_slow"));

        b.stop();
        assertEquals("the app takes its new state without waiting for the participant", AppState.STOPPED,
                stateOf("p_slow"));
        assertEquals(List.of("data prepare p_slow (PREPARING)", "data cancel p_slow"), data.calls);
        assertTrue("the participant is still at work", worker.isEmpty());
        release.countDown();
        await("the participant's worker ended", () -> !worker.isEmpty());
        settle();
        assertEquals(List.of("cancelled: true"), worker);
        assertEquals(AppState.STOPPED, stateOf("p_slow"));
        assertTrue(journal.isEmpty());
    }

    @Test
    public void aParticipantArrivingWhileAppsAreReadyPreparesThemInOrder() throws Exception {
        installAndStart(TestBundles.app("p_one"));
        installAndStart(TestBundles.app("p_two").requires("p_one"));
        settle();
        assertEquals(AppState.READY, stateOf("p_two"));
        journal.clear();
        Scripted data = register("data", 0, DONE_AT_ONCE);
        settle();
        assertEquals(List.of("p_two:stopping", "p_one:stopping", "p_one:ready", "p_two:ready"), List.copyOf(journal));
        assertEquals(List.of("data prepare p_one (PREPARING)", "data prepare p_two (PREPARING)"), data.calls);
        assertEquals(AppState.READY, stateOf("p_two"));
        assertExamplesReady();
    }

    @Test
    public void aParticipantLeavingMidPreparationIsForgottenAndTheOthersGoOn() throws Exception {
        Scripted first = register("first", 10, LATER);
        Scripted second = register("second", 0, DONE_AT_ONCE);
        installAndStart(TestBundles.app("p_mid"));
        awaitState("p_mid", AppState.PREPARING);
        assertEquals(List.of("first prepare p_mid (PREPARING)"), first.calls);
        assertTrue(second.calls.isEmpty());
        Preparation pending = first.preparations.get("p_mid");

        registrations.remove(0).unregister();
        settle();
        assertTrue("its preparation counts as cancelled", pending.isCancelled());
        assertEquals(AppState.READY, stateOf("p_mid"));
        assertEquals(List.of("second prepare p_mid (PREPARING)"), second.calls);
        assertEquals("it is forgotten, not called", List.of("first prepare p_mid (PREPARING)"), first.calls);
    }

    @Test
    public void anEnableIsRecordedOnlyOnceThePreparationSucceeded() throws Exception {
        Bundle b = installAndStart(TestBundles.app("p_tx"));
        settle();
        assertEquals("p_tx is disabled.\nStepped down (1 app):\n"
                + "  p_tx DISABLED: disabled by the operator (apps:enable p_tx enables it)\n", shell("apps:disable p_tx"));
        File state = registryBundle().getBundleContext().getDataFile("enabled.properties");
        Scripted data = register("data", 0, (app, p) -> p.failed("migration 0001_initial failed: table exists"));

        String reason = "participant " + meWithId() + " failed to prepare it: migration 0001_initial failed: table"
                + " exists; fix the app and update or restart its bundle to try again";
        assertEquals("Cannot change 'p_tx': 'p_tx' stays disabled: its preparation failed: " + reason + "\n",
                shell("apps:enable p_tx"));
        assertEquals(AppState.FAILED, stateOf("p_tx"));
        assertEquals(reason, registry.app("p_tx").reason());
        assertTrue(Files.readString(state.toPath()), Files.readString(state.toPath()).contains("disabled=p_tx\n"));
        assertTrue(shell("apps:info p_tx").contains("\n  enabled:     no\n"));

        b.stop();
        b.start();
        settle();
        assertEquals("the store still says disabled", AppState.DISABLED, stateOf("p_tx"));

        data.onPrepare = (app, p) -> new Thread(() -> p.done(), "slow-but-fine").start();
        assertEquals("p_tx is enabled.\nCame back (1 app):\n  p_tx READY\n", shell("apps:enable p_tx"));
        assertFalse(Files.readString(state.toPath()), Files.readString(state.toPath()).contains("disabled=p_tx\n"));
        assertEquals(List.of("data prepare p_tx (PREPARING)", "data prepare p_tx (PREPARING)"), data.calls);
        assertTrue(shell("apps:info p_tx").contains("\n  enabled:     yes\n"));
    }

    @Test
    public void aRegistryStartingWithAParticipantThereLeavesTheAppsAndPreparesThemBeforeAnyIsReady() throws Exception {
        Scripted data = register("data", 0, DONE_AT_ONCE);
        installAndStart(TestBundles.app("p_boot"));
        installAndStart(TestBundles.app("p_bootdep").requires("p_boot"));
        settle();
        data.calls.clear();
        journal.clear();
        Bundle registryBundle = registryBundle();
        registryBundle.stop();
        assertEquals(List.of("p_bootdep:stopping", "p_boot:stopping"), List.copyOf(journal));
        assertTrue(data.calls.toString(), data.calls.containsAll(List.of("data left p_boot", "data left p_bootdep")));
        data.calls.clear();
        registryBundle.start();
        registry = context.getService(context.getServiceReference(io.tessera.core.AppRegistry.class));
        settle();
        assertEquals(List.of("data prepare p_boot (PREPARING)", "data prepare p_bootdep (PREPARING)"), data.calls);
        assertEquals(List.of("p_bootdep:stopping", "p_boot:stopping", "p_boot:ready", "p_bootdep:ready"),
                List.copyOf(journal));
        assertEquals(AppState.READY, stateOf("p_bootdep"));
        assertExamplesReady();
    }

    private Bundle registryBundle() {
        for (Bundle b : context.getBundles()) {
            if ("io.tessera.registry".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no registry bundle");
    }
}
