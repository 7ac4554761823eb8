package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.ref.WeakReference;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.core.Registration;
import io.tessera.it.fixture.TwinApp;

/**
 * Issue 14, part 2: stale wiring after an update without refresh, stopping() while the bundle
 * context is still valid, impossible version ranges, nothing of a removed app kept, and default
 * names of several apps in one bundle. Every operation goes through the real framework (and
 * {@code refresh} through the real Gogo shell).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LifecycleEdgesIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("LifecycleEdgesIT");
    }

    // ---- stale wiring ----

    @Test
    public void anUpdateWithoutRefreshMakesImportersWaitNamingTheRefresh_andTheRefreshBringsThemBack() throws Exception {
        Bundle shared = installAndStart(TestBundles.app("lc_shared").exportsWired());
        Bundle plain = installAndStart(TestBundles.app("lc_importer").importsWired());
        Bundle requiring = installAndStart(TestBundles.app("lc_requirer").importsWired().requires("lc_shared"));
        for (String label : List.of("lc_shared", "lc_importer", "lc_requirer")) {
            assertEquals(label + ": " + registry.app(label).reason(), AppState.READY, stateOf(label));
        }
        journal.clear();

        shared.update(new ByteArrayInputStream(TestBundles.app("lc_shared").exportsWired().version("1.1.0").build()));
        settle();
        assertEquals(AppState.READY, stateOf("lc_shared"));
        assertEquals(new Version(1, 1, 0), registry.app("lc_shared").version());
        for (Bundle b : List.of(plain, requiring)) {
            String label = b == plain ? "lc_importer" : "lc_requirer";
            App app = registry.app(label);
            assertEquals(label + ": " + app.reason(), AppState.WAITING, app.state());
            assertEquals("bundle " + b.getBundleId() + " (test." + label + ") still uses package "
                    + TestBundles.WIRED_PACKAGE + " from the old revision of bundle " + shared.getBundleId()
                    + " (test.lc_shared), which was updated without a refresh, so it runs against the old classes;"
                    + " run 'refresh " + shared.getBundleId() + "' to rewire it (Tessera does not refresh by itself)",
                    app.reason());
        }
        assertFalse("no ready() against the old classes: " + journal, journal.contains("lc_importer:ready")
                || journal.contains("lc_requirer:ready"));
        assertTrue(journal.toString(), journal.contains("lc_importer:stopping"));
        String check = shell("apps:check");
        assertTrue(check, check.contains("WARNING lc_importer is WAITING: bundle " + plain.getBundleId()
                + " (test.lc_importer) still uses package " + TestBundles.WIRED_PACKAGE + " from the old revision of bundle "
                + shared.getBundleId() + " (test.lc_shared)"));
        assertTrue(check, check.contains("run 'refresh " + shared.getBundleId() + "'"));

        // restarting the importer does not rewire it: still waiting, as read anew
        plain.stop();
        plain.start();
        assertEquals(AppState.WAITING, stateOf("lc_importer"));
        assertTrue(registry.app("lc_importer").reason().contains("run 'refresh " + shared.getBundleId() + "'"));

        shell("refresh " + shared.getBundleId());
        await("both importers are READY again after the refresh",
                () -> registry.findApp("lc_importer").map(App::isReady).orElse(false)
                        && registry.findApp("lc_requirer").map(App::isReady).orElse(false));
        settle();
        assertExamplesReady();
        assertTrue(shell("apps:check"), shell("apps:check").startsWith("System check identified no issues"));
    }

    @Test
    public void anUninstallWithoutRefreshMakesImportersWaitNamingTheirOwnRefresh() throws Exception {
        Bundle shared = installAndStart(TestBundles.app("lc_gone").exportsWired());
        Bundle importer = installAndStart(TestBundles.app("lc_orphaned").importsWired());
        assertEquals(AppState.READY, stateOf("lc_orphaned"));
        long sharedId = shared.getBundleId();

        shared.uninstall();
        settle();
        App app = registry.app("lc_orphaned");
        assertEquals(app.reason(), AppState.WAITING, app.state());
        assertEquals("bundle " + importer.getBundleId() + " (test.lc_orphaned) still uses package "
                + TestBundles.WIRED_PACKAGE + " from bundle " + sharedId + " (test.lc_gone), which was uninstalled"
                + " without a refresh, so it runs against classes that are gone; run 'refresh " + importer.getBundleId()
                + "' to rewire it (Tessera does not refresh by itself)", app.reason());
        assertExamplesReady();

        // the refresh it names rewires it: with the package gone it cannot resolve, and nothing stale is left
        shell("refresh " + importer.getBundleId());
        await("the importer was refreshed and cannot resolve", () -> importer.getState() == Bundle.INSTALLED);
        settle();
        assertFalse(registry.apps().stream().anyMatch(a -> a.reason().contains("still uses")));
        assertExamplesReady();
    }

    // ---- stopping() while the bundle can still act ----

    @Test
    public void stoppingRunsWithAValidContextForEveryKindOfApp_onStopUpdateAndUninstall() throws Exception {
        TestBundles activatorApp = TestBundles.app("lc_act").probeWhenStopping("test.lc_act");
        TestBundles plainApp = TestBundles.plain("lc_plain").probeWhenStopping("test.lc_plain");
        for (TestBundles kind : List.of(activatorApp, plainApp)) {
            String label = kind.symbolicName().substring("test.".length());
            String expected = label + ":stopping context valid, test." + label + " STOPPING";
            Bundle b = installAndStart(kind);
            assertEquals(AppState.READY, stateOf(label));

            journal.clear();
            b.stop();
            assertEquals("stop of " + label, List.of(expected), List.copyOf(journal));
            b.start();
            assertEquals(AppState.READY, stateOf(label));

            journal.clear();
            b.update(new ByteArrayInputStream(kind.build()));
            settle();
            assertEquals("update of " + label, List.of(expected, label + ":ready"), List.copyOf(journal));

            journal.clear();
            b.uninstall();
            settle();
            assertEquals("uninstall of " + label, List.of(expected), List.copyOf(journal));
            assertFalse(registry.findApp(label).isPresent());
        }
        assertExamplesReady();
    }

    @Test
    public void aMetadataOnlyAppStepsDownWhileItsBundleIsStillStopping() throws Exception {
        TestBundles meta = TestBundles.metadataOnly("test.lc_meta", "lc_meta");
        Bundle b = installAndStart(meta);
        installAndStart(TestBundles.app("lc_meta_user").requires("lc_meta").probeWhenStopping("test.lc_meta"));
        assertEquals(AppState.READY, stateOf("lc_meta_user"));
        String expected = "lc_meta_user:stopping context valid, test.lc_meta STOPPING";

        journal.clear();
        b.stop();
        assertEquals(List.of(expected), List.copyOf(journal));
        assertEquals(AppState.WAITING, stateOf("lc_meta_user"));
        b.start();
        assertEquals(AppState.READY, stateOf("lc_meta_user"));

        journal.clear();
        b.update(new ByteArrayInputStream(meta.build()));
        settle();
        assertEquals(List.of(expected, "lc_meta_user:ready"), List.copyOf(journal));

        journal.clear();
        b.uninstall();
        settle();
        assertEquals(List.of(expected), List.copyOf(journal));
        assertEquals(AppState.WAITING, stateOf("lc_meta_user"));
        assertExamplesReady();
    }

    // ---- impossible requirements ----

    @Test
    public void anEmptyRangeFailsTheAppAtOnceSayingNoVersionCanMatch() throws Exception {
        String[][] cases = {
            {"[2.0,1.0)", "[2.0.0,1.0.0)", "its lower bound 2.0.0 is above its upper bound 1.0.0; write the lower bound"
                    + " first, as in [1.0.0,2.0.0)"},
            {"(1.0,1.0)", "(1.0.0,1.0.0)", "it excludes its only version 1.0.0; write [1.0.0,1.0.0] for exactly 1.0.0,"
                    + " or 1.0.0 for 1.0.0 and above"},
            {"[1.0,1.0)", "[1.0.0,1.0.0)", "it excludes its only version 1.0.0"},
        };
        int i = 0;
        for (String[] c : cases) {
            String label = "lc_never" + i++;
            installAndStart(TestBundles.app(label).requires("auth " + c[0]));
            App app = registry.app(label);
            assertEquals(c[0] + ": " + app.reason(), AppState.FAILED, app.state());
            assertTrue(app.reason(), app.reason().startsWith("requires() threw java.lang.IllegalArgumentException:"
                    + " requirement 'auth " + c[0] + "' has the version range " + c[1]
                    + ", which no version can ever match: " + c[2]));
            assertFalse(app.reason(), app.reason().contains("widen"));
        }
        installAndStart(TestBundles.metadataOnly("test.lc_never_meta", "lc_never_meta;requires=\"auth (1.0,1.0)\""));
        App meta = registry.app("lc_never_meta");
        assertEquals(meta.reason(), AppState.FAILED, meta.state());
        assertTrue(meta.reason(), meta.reason().startsWith("in the Tessera-App header: requirement 'auth (1.0,1.0)' has"
                + " the version range (1.0.0,1.0.0), which no version can ever match"));
        String check = shell("apps:check");
        assertTrue(check, check.contains("ERROR lc_never0: requires() threw java.lang.IllegalArgumentException:"
                + " requirement 'auth [2.0,1.0)'"));
        assertExamplesReady();
    }

    // ---- nothing of a removed app is kept ----

    @Test
    public void anUninstalledAppsClassesCanBeCollectedAtOnce() throws Exception {
        Bundle b = installAndStart(TestBundles.app("lc_leak"));
        WeakReference<Class<?>> model = modelClass("lc_leak");
        useTheRegistryFully("lc_leak");
        b.uninstall();
        settle();
        awaitCollected("the model class of uninstalled app lc_leak", model);
    }

    @Test
    public void anUpdatedAppsOldClassesCanBeCollected() throws Exception {
        Bundle b = installAndStart(TestBundles.app("lc_leak_up"));
        WeakReference<Class<?>> old = modelClass("lc_leak_up");
        useTheRegistryFully("lc_leak_up");
        b.update(new ByteArrayInputStream(TestBundles.app("lc_leak_up").version("1.0.1").build()));
        settle();
        assertEquals(AppState.READY, stateOf("lc_leak_up"));
        awaitCollected("the old revision's model class of updated app lc_leak_up", old);
    }

    @Test
    public void aRequiredAppsClassesCanBeCollectedOnceItsDependentsSteppedDown() throws Exception {
        Bundle base = installAndStart(TestBundles.app("lc_leak_base"));
        installAndStart(TestBundles.app("lc_leak_dep").requires("lc_leak_base").models("Orphan"));
        WeakReference<Class<?>> model = modelClass("lc_leak_base");
        useTheRegistryFully("lc_leak_base");
        base.uninstall();
        settle();
        assertEquals(AppState.WAITING, stateOf("lc_leak_dep"));
        awaitCollected("the model class of lc_leak_base, required by the waiting lc_leak_dep", model);
    }

    private WeakReference<Class<?>> modelClass(String label) {
        return new WeakReference<>(registry.model(label + ".Alpha").type());
    }

    /** Reads the ordered lists, and subscribes and unsubscribes a model operation, as a busy runtime would. */
    private void useTheRegistryFully(String label) throws Exception {
        assertTrue(registry.models().stream().anyMatch(m -> m.key().equals(label + ".Alpha")));
        assertTrue(registry.apps().stream().anyMatch(a -> a.label().equals(label)));
        boolean[] available = {false};
        Registration r = registry.whenModelsReady(models -> available[0] = true, label + ".Alpha");
        settle();
        assertTrue(available[0]);
        r.close();
        settle();
    }

    private static void awaitCollected(String what, WeakReference<?> ref) throws InterruptedException {
        await(what + " is collected", () -> {
            System.gc();
            return ref.get() == null;
        });
    }

    // ---- several apps in one bundle ----

    @Test
    public void severalAppsOfOneBundleGetDistinctDefaultNamesInAnyOrder_oneKeepsTheSymbolicName() throws Exception {
        Bundle single = installAndStart(TestBundles.app("lc_single"));
        assertEquals("test.lc_single", registry.app("lc_single").name());
        single.uninstall();

        for (String order : List.of("forward", "reverse")) {
            String sn = "test.lc_twins_" + order;
            String left = "lc_l_" + order;
            String right = "lc_r_" + order;
            Bundle b = installAndStart(TestBundles.twin(sn, left, right).header("X-Twin-Order", order));
            for (String label : List.of(left, right)) {
                App app = registry.app(label);
                assertEquals(order + " " + label + ": " + app.reason(), AppState.READY, app.state());
                assertEquals(sn + "." + label, app.name());
                assertTrue(registry.isInstalled(sn + "." + label));
            }
            assertFalse(registry.isInstalled(sn));
            assertTrue(journal.containsAll(List.of(left + ":ready", right + ":ready")));
            assertFalse("no app was restarted by the renaming: " + journal, journal.contains(left + ":stopping")
                    || journal.contains(right + ":stopping"));
            b.uninstall();
        }
        assertExamplesReady();
    }

    @Test
    public void whenOnlyOneAppOfTheBundleIsLeftItTakesTheSymbolicNameAgain_keepingItsState() throws Exception {
        Bundle b = installAndStart(TestBundles.twin("test.lc_pair", "lc_stays", "lc_goes"));
        assertEquals("test.lc_pair.lc_stays", registry.app("lc_stays").name());
        journal.clear();

        TwinApp.withdraw("lc_goes");
        settle();
        assertFalse(registry.findApp("lc_goes").isPresent());
        App stays = registry.app("lc_stays");
        assertEquals(AppState.READY, stays.state());
        assertEquals("test.lc_pair", stays.name());
        assertTrue(registry.isInstalled("test.lc_pair"));
        assertFalse(registry.isInstalled("test.lc_pair.lc_stays"));
        assertEquals("only the withdrawn app stopped", List.of("lc_goes:stopping"), List.copyOf(journal));
        b.uninstall();
    }

    @Test
    public void aNameClashThatRemainsSaysWhichMethodToOverride() throws Exception {
        Bundle b = installAndStart(TestBundles.twin("test.lc_same", "lc_same_a", "lc_same_b")
                .name("org.example.same").header("X-Name2", "org.example.same"));
        assertEquals(AppState.READY, stateOf("lc_same_a"));
        App second = registry.app("lc_same_b");
        assertEquals(AppState.FAILED, second.state());
        assertEquals("name 'org.example.same' is already used by app 'lc_same_a' (test.lc_same, bundle " + b.getBundleId()
                + "); app names must be unique: override name() in one of them", second.reason());
        assertExamplesReady();
    }
}
