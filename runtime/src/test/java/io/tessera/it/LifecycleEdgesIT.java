package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.App;
import io.tessera.core.AppEvent;
import io.tessera.core.AppListener;
import io.tessera.core.AppState;
import io.tessera.it.fixture.TwinApp;

/**
 * Issue 14, part 2: stopping() while the bundle context is still valid, impossible version
 * ranges, and default names of several apps in one bundle (stale wiring: {@link StaleWiringIT};
 * nothing of a removed app kept: {@link RemovedAppsCollectedIT}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LifecycleEdgesIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("LifecycleEdgesIT");
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

    /**
     * Stepped down at STOPPING, an app is replaced by its STOPPED listing in the same batch: when
     * its config service goes later, after the activator's stop, nothing is removed or listed again.
     */
    @Test
    public void anAppSteppedDownAtStoppingIsListedStoppedExactlyOnce_forEveryKindOfApp() throws Exception {
        List<AppEvent> events = new CopyOnWriteArrayList<>();
        ServiceRegistration<AppListener> listening = context.registerService(AppListener.class, events::add, null);
        try {
            for (TestBundles kind : List.of(TestBundles.app("lc_once_act"), TestBundles.plain("lc_once_plain"),
                    TestBundles.twin("test.lc_once_twin", "lc_once_l", "lc_once_r"))) {
                Bundle b = installAndStart(kind);
                long id = b.getBundleId();
                List<String> labels = kind.symbolicName().equals("test.lc_once_twin") ? List.of("lc_once_l", "lc_once_r")
                        : List.of(kind.symbolicName().substring("test.".length()));
                settle();
                int from = events.size();
                b.stop();
                settle();
                for (String label : labels) {
                    List<App> listed = registry.apps().stream().filter(a -> a.label().equals(label)).toList();
                    assertEquals(label + ": " + listed, 1, listed.size());
                    assertEquals(label, AppState.STOPPED, listed.get(0).state());
                    assertEquals(label, "bundle " + id + " is stopped: start " + id, listed.get(0).reason());
                    List<String> seen = events.subList(from, events.size()).stream()
                            .filter(e -> e.app().label().equals(label))
                            .map(e -> e.type() + " " + e.app().state()).toList();
                    assertEquals(label, List.of("STOPPING STOPPING", "REMOVED STOPPING", "INSTALLED STOPPED"), seen);
                }
                b.uninstall();
                settle();
                labels.forEach(label -> assertFalse(label, registry.findApp(label).isPresent()));
            }
        } finally {
            listening.unregister();
        }
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
}
