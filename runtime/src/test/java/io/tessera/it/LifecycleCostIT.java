package io.tessera.it;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.AppEvent;
import io.tessera.core.AppListener;
import io.tessera.it.fixture.FixtureApp;

/**
 * What one life cycle of an app bundle costs the registry, counted rather than timed (the churn
 * benchmark times it on a shared machine, where a few percent are within the noise): an app
 * bundle known by its headers, installed, started, stopped and uninstalled, makes exactly four
 * engine changes (listed as stopped when installed; its app arrives; it leaves, listed as stopped
 * again in the same change; its listing goes with the bundle), however many bundle events pass, and
 * publishes exactly the nine events an operator's listener is promised, in this order. Passing
 * through RESOLVED on start and STOPPED after stop changes nothing, so it is no engine change.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LifecycleCostIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("LifecycleCostIT");
    }

    @Test
    public void aBundlesLifeCycleIsFourEngineChangesAndNineEvents() throws Exception {
        List<AppEvent> events = Collections.synchronizedList(new ArrayList<>());
        ServiceRegistration<AppListener> listener = context.registerService(AppListener.class, events::add, null);
        try {
            settle();
            for (int cycle = 1; cycle <= 3; cycle++) {
                events.clear();
                long before = changesApplied();
                Bundle b = install(TestBundles.app("cost").header("Tessera-App-Activator", FixtureApp.class.getName()));
                b.start();
                b.stop();
                b.uninstall();
                settle();
                long changes = changesApplied() - before;
                long id = b.getBundleId();
                String unknown = "? (bundle " + id + ")";
                List<String> expected = List.of("INSTALLED STOPPED " + unknown, "REMOVED STOPPED " + unknown,
                        "INSTALLED INSTALLED cost", "STARTING STARTING cost", "READY READY cost",
                        "STOPPING STOPPING cost", "REMOVED STOPPING cost", "INSTALLED STOPPED cost", "REMOVED STOPPED cost");
                await("the events of cycle " + cycle, () -> of(events, id).size() >= expected.size());
                assertEquals("the events of cycle " + cycle, expected, of(events, id));
                assertEquals("engine changes in cycle " + cycle + " (install, start, stop, uninstall)", 4, changes);
            }
        } finally {
            listener.unregister();
        }
    }

    /** The events of the apps of bundle {@code id}: "TYPE STATE label". */
    private static List<String> of(List<AppEvent> events, long id) {
        List<String> out = new ArrayList<>();
        synchronized (events) {
            for (AppEvent e : events) {
                if (e.app().bundleId() == id) {
                    out.add(e.type() + " " + e.app().state() + " " + e.app().label());
                }
            }
        }
        return out;
    }

    /** The engine's count of applied changes: a diagnostic of the registry's own class, read by reflection. */
    private long changesApplied() throws Exception {
        return (Long) registry.getClass().getMethod("changesApplied").invoke(registry);
    }
}
