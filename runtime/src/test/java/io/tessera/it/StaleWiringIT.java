package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
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

/**
 * Issue 14, part 2, stale wiring: after {@code update} or {@code uninstall} of a bundle without
 * a refresh, apps of the bundles still wired to its old revision wait, naming the refresh to run
 * (through the real Gogo shell), and come back after it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StaleWiringIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("StaleWiringIT");
    }

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

        String refreshed = shell("refresh " + shared.getBundleId());
        try {
            await("both importers are READY again after the refresh",
                    () -> registry.findApp("lc_importer").map(App::isReady).orElse(false)
                            && registry.findApp("lc_requirer").map(App::isReady).orElse(false));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; refresh said: " + refreshed + "; importer " + plain.getState()
                    + " " + registry.findApp("lc_importer").map(a -> a.state() + " " + a.reason()).orElse("gone")
                    + "; requirer " + requiring.getState() + " "
                    + registry.findApp("lc_requirer").map(a -> a.state() + " " + a.reason()).orElse("gone"), e);
        }
        settle();
        assertExamplesReady();
        assertTrue(shell("apps:check"), shell("apps:check").startsWith("System check identified no issues"));
    }

    @Test
    public void anUninstallWithoutRefreshMakesImportersWaitNamingAppsRefresh() throws Exception {
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
                + " without a refresh, so it runs against classes that are gone; run 'apps:rewire'"
                + " (Tessera does not refresh by itself)", app.reason());
        assertExamplesReady();

        // the refresh it names rewires it: with the package gone it cannot resolve, and nothing stale is left
        String refreshed = shell("apps:rewire");
        assertTrue(refreshed, refreshed.startsWith("Refreshed ") && refreshed.contains(importer.getBundleId() + " test.lc_orphaned"));
        await("the importer was refreshed and cannot resolve", () -> importer.getState() == Bundle.INSTALLED);
        settle();
        assertFalse(registry.apps().stream().anyMatch(a -> a.reason().contains("still uses")));
        assertEquals("No bundle's removal is pending: nothing to refresh.\n", shell("apps:rewire"));
        assertExamplesReady();
    }
}
