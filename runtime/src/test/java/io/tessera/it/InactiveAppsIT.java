package io.tessera.it;

import static io.tessera.it.BundleChecks.MISSING_IMPORT;
import static io.tessera.it.BundleChecks.appsOfBundle;
import static io.tessera.it.BundleChecks.assertContains;
import static io.tessera.it.BundleChecks.bundle;
import static io.tessera.it.BundleChecks.reportStartFailure;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.function.BiConsumer;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.it.fixture.FixtureApp;

/**
 * App bundles that are installed but not running are in the index, STOPPED (FAILED when their
 * activator threw), with a reason naming the bundle id and what to do, in the API and in
 * {@code apps:list}, {@code apps:info}, {@code apps:diag} and {@code apps:check}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InactiveAppsIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("InactiveAppsIT");
    }

    /** An app bundle as bnd writes it from {@code @AppBundle}: known to be an app before it runs. */
    private static TestBundles declaredApp(String label) {
        return TestBundles.app(label).header("Tessera-App-Activator", FixtureApp.class.getName());
    }

    private void assertApp(String label, AppState state, String reason) throws Exception {
        settle();
        App app = registry.app(label);
        assertEquals(app.reason(), state, app.state());
        assertEquals(reason, app.reason());
    }

    @Test
    public void stoppedExampleAppIsListedAndWhatRequiresItSaysSo() throws Exception {
        Bundle auth = bundle(context, "io.tessera.example.auth");
        long id = auth.getBundleId();
        assertEquals("bnd wrote the header @AppBundle asks for", "io.tessera.example.auth.AuthApp",
                auth.getHeaders("").get("Tessera-App-Activator"));
        try {
            shell("stop " + id);
            assertApp("auth", AppState.STOPPED, "bundle " + id + " is stopped: start " + id);
            assertContains(shell("apps:list"), "auth", "STOPPED", "(apps:diag says why)");
            assertContains(shell("apps:info auth"), "state:       STOPPED: bundle " + id + " is stopped: start " + id,
                    "bundle " + id + " io.tessera.example.auth");
            assertApp("blog", AppState.WAITING, "field Comment.author refers to auth.User, so it requires 'auth'"
                    + " [0.1.0,1.0.0), which is installed as bundle " + id + " but stopped (start " + id + ")");
            assertTrue("a stopped app's models are not in the index", registry.findModel("auth.User").isEmpty());
            assertContains(shell("apps:check"), "WARNING auth is STOPPED: bundle " + id + " is stopped: start " + id);
        } finally {
            auth.start();
        }
        shell("stop " + id);
        assertEquals(AppState.STOPPED, stateOf("auth"));
        shell("start " + id);
        settle();
        assertExamplesReady();
        assertEquals(1, registry.apps().stream().filter(a -> a.label().equals("auth")).count());
    }

    @Test
    public void appBundleThatCannotResolveNamesEachMissingRequirement() throws Exception {
        Bundle b = install(declaredApp("unres").header("Import-Package", MISSING_IMPORT)
                .header("Require-Capability", "osgi.extender;filter:=\"(osgi.extender=com.example.nothing)\""));
        long id = b.getBundleId();
        settle();
        String reason = "bundle " + id + " cannot resolve: it is missing package com.example.missing [1.0.0,2.0.0), osgi.extender"
                + " (osgi.extender=com.example.nothing); install bundles that provide them, then start " + id;
        try {
            b.start();
            fail("it cannot resolve");
        } catch (BundleException expected) {
            // the registry's reason says the same, whoever started it
        }
        settle();
        App app = onlyAppOfBundle(id);
        assertEquals(AppState.STOPPED, app.state());
        assertEquals(reason, app.reason());
        assertEquals("its label is not known until it runs: listed by bundle id", "? (bundle " + id + ")", app.label());
        assertTrue("not a lookup key", registry.findApp(app.label()).isEmpty());
        assertContains(shell("apps:list"), "? (bundle " + id + ")  STOPPED");
        assertContains(shell("apps:diag"), "app bundle " + id + " (not run here yet, so its label is not known) STOPPED: "
                + reason);
        assertExamplesReady();
    }

    @Test
    public void metadataAppThatCannotResolveIsListedUnderItsLabel() throws Exception {
        Bundle b = install(TestBundles.metadataOnly("test.metaunres", "metaunres")
                .header("Import-Package", "io.tessera.core;version=\"[1.0,2)\",com.example.missing;version=\"[1.0,2.0)\""));
        long id = b.getBundleId();
        assertApp("metaunres", AppState.STOPPED, "bundle " + id + " cannot resolve: it is missing package com.example.missing"
                + " [1.0.0,2.0.0); install a bundle that provides it, then start " + id);
        assertContains(shell("apps:diag metaunres"), "metaunres STOPPED: bundle " + id + " cannot resolve");
    }

    @Test
    public void installedResolvedStartedAndStoppedEachSayWhatToDo() throws Exception {
        Bundle b = install(declaredApp("phases"));
        long id = b.getBundleId();
        settle();
        assertEquals("installed and resolvable: one command starts it", "bundle " + id + " is stopped: start " + id,
                onlyAppOfBundle(id).reason());
        context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(b));
        settle();
        assertEquals("bundle " + id + " is stopped: start " + id, onlyAppOfBundle(id).reason());
        b.start();
        assertApp("phases", AppState.READY, "");
        assertEquals("the placeholder went as the app arrived", 1, appsOfBundle(registry, id).size());
        b.stop();
        assertApp("phases", AppState.STOPPED, "bundle " + id + " is stopped: start " + id);
        assertEquals(1, appsOfBundle(registry, id).size());
        b.uninstall();
        settle();
        assertTrue(registry.findApp("phases").isEmpty());
        assertTrue(appsOfBundle(registry, id).isEmpty());
    }

    @Test
    public void lazilyActivatedBundleWaitingForItsFirstClassLoadIsStarting() throws Exception {
        Bundle b = install(declaredApp("lazy").header("Bundle-ActivationPolicy", "lazy"));
        long id = b.getBundleId();
        b.start(Bundle.START_ACTIVATION_POLICY);
        assertEquals(Bundle.STARTING, b.getState());
        settle();
        assertEquals("bundle " + id + " is starting (a lazily activated bundle starts when one of its classes is first"
                + " loaded)", onlyAppOfBundle(id).reason());
        b.start();
        assertApp("lazy", AppState.READY, "");
    }

    @Test
    public void appThatRanOnceIsListedUnderItsLabelWithoutHeaders() throws Exception {
        Bundle b = installAndStart(TestBundles.app("ranonce"));
        long id = b.getBundleId();
        assertApp("ranonce", AppState.READY, "");
        b.stop();
        assertApp("ranonce", AppState.STOPPED, "bundle " + id + " is stopped: start " + id);
        b.start();
        assertApp("ranonce", AppState.READY, "");
    }

    @Test
    public void activatorThatThrowsFailsTheAppWhoeverStartedIt() throws Exception {
        Bundle b = install(declaredApp("kaboom").activatorThrows("no config file"));
        long id = b.getBundleId();
        // Gogo's own start prints the exception and keeps it: the reason cannot name it
        assertEquals("java.lang.IllegalStateException: no config file\n", shell("felix:start " + id));
        String fix = "; fix the bundle, then update " + id;
        App app = onlyAppOfBundle(id);
        assertEquals(AppState.FAILED, app.state());
        assertEquals("bundle " + id + " did not start: its activator threw an exception, which went to whoever started"
                + " the bundle (start " + id + " in the shell names it here)" + fix, app.reason());

        try { // a start Tessera makes itself (the launcher, the deploy folder) hands the exception over
            b.start();
            fail("the activator throws");
        } catch (BundleException e) {
            reportStartFailure(context, b, e);
        }
        settle();
        app = onlyAppOfBundle(id);
        assertEquals(AppState.FAILED, app.state());
        assertTrue(app.reason(), app.reason().startsWith("bundle " + id + " did not start: its activator threw"
                + " IllegalStateException: no config file (at " + FixtureApp.class.getName() + ".start(FixtureApp.java:"));
        assertTrue(app.reason(), app.reason().endsWith(")" + fix));
        assertContains(shell("apps:check"), "ERROR " + app.label() + ": bundle " + id + " did not start");
        assertExamplesReady();
    }

    @Test
    public void activatorThatThrowsWhenTheFrameworkStartsItIsNamedFromTheFrameworksErrorEvent() throws Exception {
        Bundle b = install(declaredApp("leveled").activatorThrows("no database"));
        long id = b.getBundleId();
        FrameworkStartLevel framework = context.getBundle(0).adapt(FrameworkStartLevel.class);
        int level = framework.getStartLevel();
        b.adapt(BundleStartLevel.class).setStartLevel(level + 1);
        b.start(); // marked to start; the framework starts it when its start level is reached
        try {
            framework.setStartLevel(level + 1);
            String reason = "bundle " + id + " did not start: its activator threw IllegalStateException: no database (at "
                    + FixtureApp.class.getName() + ".start(FixtureApp.java:";
            await("the framework's error event named the exception", () -> appsOfBundle(registry, id)
                    .stream().anyMatch(a -> a.reason().startsWith(reason)));
            assertEquals(AppState.FAILED, onlyAppOfBundle(id).state());
        } finally {
            b.stop();
            framework.setStartLevel(level);
            await("the start level is back", () -> framework.getStartLevel() == level);
        }
    }

    @Test
    public void appThatStopsItsBundleFromReadyIsStopped() throws Exception {
        Bundle b = installAndStart(TestBundles.app("quitter").header("X-Ready-Stops-Bundle", "true"));
        long id = b.getBundleId();
        String stopped = "bundle " + id + " is stopped: start " + id;
        // the reason reads so from the bundle's STOPPING on: wait for the stop to finish as well
        await("quitter is listed as stopped and its bundle has stopped",
                () -> stopped.equals(registry.app("quitter").reason()) && b.getState() == Bundle.RESOLVED);
        assertApp("quitter", AppState.STOPPED, stopped);
        assertEquals(Bundle.RESOLVED, b.getState());
        assertTrue(journal.contains("quitter:ready"));
    }

    @Test
    public void activeBundleWithoutItsConfigSaysSo() throws Exception {
        Bundle withdrew = installAndStart(TestBundles.app("withdrawn").header("X-Withdraws", "true"));
        long id = withdrew.getBundleId();
        assertEquals(Bundle.ACTIVE, withdrew.getState());
        String reason = "bundle " + id + " is active but has not published its app config (its activator did not"
                + " register it, or the app withdrew it); to start the app again: stop " + id + ", then start " + id;
        assertApp("withdrawn", AppState.STOPPED, reason);

        Bundle silent = installAndStart(declaredApp("silent").header("X-No-Config", "true"));
        long sid = silent.getBundleId();
        settle();
        assertEquals(reason.replace(" " + id, " " + sid), onlyAppOfBundle(sid).reason());
        assertContains(shell("apps:diag"), "app bundle " + sid + " (not run here yet");
    }

    @Test
    public void requirementOnAnAppThatIsNotRunningSaysHowItIsInstalled() throws Exception {
        Bundle dep = installAndStart(declaredApp("reqdep"));
        long id = dep.getBundleId();
        installAndStart(TestBundles.app("reqer").requires("reqdep [1.0,2.0)"));
        assertApp("reqer", AppState.READY, "");
        dep.stop();
        assertApp("reqer", AppState.WAITING, "requires 'reqdep' [1.0.0,2.0.0), which is installed as bundle " + id
                + " but stopped (start " + id + ")");
        assertContains(shell("apps:diag reqdep"), "reqdep STOPPED: bundle " + id + " is stopped: start " + id,
                "waiting for reqdep:\n  reqer WAITING: requires 'reqdep' [1.0.0,2.0.0), which is installed as bundle "
                        + id + " but stopped (start " + id + ")");
        dep.uninstall();
        assertApp("reqer", AppState.WAITING, "requires 'reqdep' [1.0.0,2.0.0), which is not installed");
    }

    @Test
    public void requirementOnAnAppWhoseActivatorThrewSaysItFailed() throws Exception {
        Bundle dep = installAndStart(declaredApp("faildep"));
        long id = dep.getBundleId();
        installAndStart(TestBundles.app("failer").requires("faildep"));
        assertApp("failer", AppState.READY, "");
        try { // an update restarts it, and its new activator throws: as the deploy folder updates a jar in place
            dep.update(new java.io.ByteArrayInputStream(declaredApp("faildep").activatorThrows("broken").build()));
            fail("the new activator throws");
        } catch (IllegalStateException | BundleException e) {
            settle();
            assertEquals(AppState.FAILED, stateOf("faildep"));
            assertEquals("bundle " + id + " did not start: its activator threw an exception, which went to whoever"
                    + " started the bundle (start " + id + " in the shell names it here); fix the bundle, then update "
                    + id, registry.app("faildep").reason());
            reportStartFailure(context, dep, e);
        }
        assertApp("failer", AppState.WAITING, "requires 'faildep', which is installed as bundle " + id
                + " but FAILED: its activator threw (see apps:diag faildep)");
        App app = registry.app("faildep");
        assertEquals(AppState.FAILED, app.state());
        assertTrue(app.reason(), app.reason().startsWith("bundle " + id + " did not start: its activator threw"
                + " IllegalStateException: broken (at " + FixtureApp.class.getName() + ".start(FixtureApp.java:"));
        assertContains(shell("apps:diag faildep"), "waiting for faildep:\n  failer WAITING: requires 'faildep'");
    }

    @Test
    public void diagOfALabelSaysEverythingAboutIt() throws Exception {
        Bundle first = installAndStart(TestBundles.app("dg").name("test.dg.first"));
        Bundle second = installAndStart(TestBundles.app("dg").name("test.dg.second")
                .header("Bundle-SymbolicName", "test.dg.second"));
        installAndStart(TestBundles.app("dgwait").requires("dg [5.0,6.0)"));
        settle();
        String diag = shell("apps:diag dg");
        assertContains(diag, "dg is READY.\n",
                "waiting for dg:\n  dgwait WAITING: requires 'dg' [5.0.0,6.0.0), but 'dg' is version 1.0.0",
                "also asked for the label 'dg':\n  dg FAILED: label 'dg' is already taken by app 'dg' (test.dg.first, bundle "
                        + first.getBundleId() + ")",
                "bundle " + second.getBundleId() + " test.dg.second");

        first.stop();
        settle();
        assertEquals("the other app took the label over", "test.dg.second", registry.app("dg").name());
        diag = shell("apps:diag dg");
        assertContains(diag, "dg is READY.\n", "also asked for the label 'dg':\n  dg STOPPED: bundle "
                + first.getBundleId() + " is stopped: start " + first.getBundleId());
    }





    private App onlyAppOfBundle(long bundleId) {
        List<App> apps = appsOfBundle(registry, bundleId);
        assertEquals(apps.toString(), 1, apps.size());
        return apps.get(0);
    }

    @Test
    public void examplesStayReadyThroughout() {
        assertExamplesReady();
        assertFalse(registry.apps().isEmpty());
    }
}
