package io.tessera.it;

import static io.tessera.it.BundleChecks.bundle;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import io.tessera.core.App;
import io.tessera.core.AppRegistry;
import io.tessera.core.AppState;

/**
 * The label a stopped app last published outlives the registry: it is kept in the registry
 * bundle's data file, so a registry started again (as after a restart with the framework's cache
 * kept) lists the app under its label, not by bundle id.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KnownAppsIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("KnownAppsIT");
    }

    @Test
    public void aStoppedAppKeepsItsLabelAcrossARestartOfTheRegistry() throws Exception {
        Bundle app = installAndStart(TestBundles.app("remembered")); // no Tessera header: known only by what it published
        long id = app.getBundleId();
        app.stop();
        settle();
        assertEquals(AppState.STOPPED, stateOf("remembered"));

        Bundle registryBundle = bundle(context, "io.tessera.registry");
        registryBundle.stop();
        registryBundle.start();
        AppRegistry restarted = service();
        assertTrue(restarted.awaitSettled(DEADLINE));
        App remembered = restarted.app("remembered");
        assertEquals(AppState.STOPPED, remembered.state());
        assertEquals("bundle " + id + " is stopped: start " + id, remembered.reason());
        for (String label : EXAMPLES) {
            assertEquals(label, AppState.READY, restarted.app(label).state());
        }

        app.uninstall();
        assertTrue(restarted.awaitSettled(DEADLINE));
        assertTrue("an uninstalled bundle is forgotten", restarted.findApp("remembered").isEmpty());
    }

    private AppRegistry service() {
        ServiceReference<AppRegistry> ref = context.getServiceReference(AppRegistry.class);
        assertNotNull("the registry runs again", ref);
        return context.getService(ref);
    }
}
