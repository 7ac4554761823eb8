package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.ref.WeakReference;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import io.tessera.core.AppState;
import io.tessera.core.Registration;

/**
 * Issue 14, part 2, nothing of a removed app is kept: once an app's bundle is uninstalled (or
 * updated, or required by apps that stepped down), the registry holds nothing that keeps its
 * classes, even if nobody reads the registry or subscribes to it afterwards. Checked with a
 * weak reference to a model class and {@code System.gc()} until a deadline.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RemovedAppsCollectedIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("RemovedAppsCollectedIT");
    }

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
}
