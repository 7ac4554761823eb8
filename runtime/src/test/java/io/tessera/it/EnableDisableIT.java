package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.nio.file.Files;
import java.util.List;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import io.tessera.core.AppActivation;
import io.tessera.core.AppRegistry;
import io.tessera.core.AppState;
import io.tessera.core.LookupException;

/**
 * {@code apps:disable} and {@code apps:enable} through the real shell: dependents step down in
 * order and come back, bad labels and system apps are refused with words to act on, and the
 * enabled state belongs to the label, through updates, reinstalls, restarts of the registry and a
 * damaged state file.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EnableDisableIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("EnableDisableIT");
    }

    private AppActivation activation() {
        return context.getService(context.getServiceReference(AppActivation.class));
    }

    @After
    public void enableEverything() throws Exception {
        for (String label : List.of("base", "mid", "top", "sysapp", "gone", "sysstop", "sysmeta")) {
            if (!activation().isEnabled(label)) {
                activation().enable(label);
            }
        }
    }

    /** base <- mid <- top, all READY. */
    private Bundle[] chain() throws Exception {
        Bundle base = installAndStart(TestBundles.app("base"));
        Bundle mid = installAndStart(TestBundles.app("mid").models().requires("base"));
        Bundle top = installAndStart(TestBundles.app("top").models().requires("mid"));
        settle();
        assertEquals(AppState.READY, stateOf("top"));
        return new Bundle[] {base, mid, top};
    }

    @Test
    public void disablingStepsDependentsDownInOrderAndEnablingBringsThemBack() throws Exception {
        chain();
        journal.clear();
        String out = shell("apps:disable base");
        assertEquals("base is disabled.\nStepped down (3 apps):\n"
                + "  top WAITING: requires 'mid', which is WAITING (see apps:diag mid)\n"
                + "  mid WAITING: requires 'base', which is disabled\n"
                + "  base DISABLED: disabled by the operator (apps:enable base enables it)\n", out);
        assertEquals(List.of("top:stopping", "mid:stopping", "base:stopping"), List.copyOf(journal));
        assertFalse("a disabled app's models leave the index", registry.findModel("base.alpha").isPresent());
        assertTrue(shell("apps:list"), shell("apps:list").matches("(?s).*\\nbase\\s+DISABLED\\s+\\S+\\s+\\d+\\s+\\S+\\s+no\\n.*"));
        assertTrue(shell("apps:list"), shell("apps:list").matches("(?s).*\\nmid\\s+WAITING\\s+\\S+\\s+\\d+\\s+\\S+\\s+yes\\n.*"));
        assertTrue(shell("apps:info base"), shell("apps:info base").contains("\n  enabled:     no\n"));
        assertFalse(activation().isEnabled("base"));
        assertEquals("disabling twice changes nothing", "base is disabled.\nNo app changed state.\n",
                shell("apps:disable base"));

        journal.clear();
        assertEquals("base is enabled.\nCame back (3 apps):\n  base READY\n  mid READY\n  top READY\n",
                shell("apps:enable base"));
        assertEquals(List.of("base:ready", "mid:ready", "top:ready"), List.copyOf(journal));
        assertTrue(registry.findModel("base.alpha").isPresent());
        assertTrue(shell("apps:info base").contains("\n  enabled:     yes\n"));
    }

    @Test
    public void aDisabledAppNeverBecomesReadyEvenWhenItsBundleStarts() throws Exception {
        Bundle base = installAndStart(TestBundles.app("base"));
        settle();
        shell("apps:disable base");
        base.stop();
        settle();
        assertEquals(AppState.STOPPED, stateOf("base"));
        assertTrue(shell("apps:list").matches("(?s).*\\nbase\\s+STOPPED\\s+\\S+\\s+\\d+\\s+\\S+\\s+no\\n.*"));
        base.start();
        settle();
        assertEquals(AppState.DISABLED, stateOf("base"));
    }

    @Test
    public void anUnknownLabelIsRefusedWithTheClosestOne() throws Exception {
        chain();
        assertEquals("Cannot change 'bsae': No app with label 'bsae'. Did you mean 'base'?\n",
                shell("apps:disable bsae"));
        assertEquals("Cannot change 'tpo': No app with label 'tpo'. Did you mean 'top'?\n", shell("apps:enable tpo"));
        assertTrue(shell("apps:disable"), shell("apps:disable").startsWith(
                "apps:disable: missing argument.\nUsage:\n  apps:disable LABEL   disable an app"));
        try {
            activation().disable("mdi");
            fail("disabled an unknown label");
        } catch (LookupException e) {
            assertEquals(List.of("mid"), e.suggestions());
        }
        assertEquals(AppState.READY, stateOf("top"));
    }

    @Test
    public void aSystemAppCannotBeDisabled() throws Exception {
        Bundle sys = installAndStart(TestBundles.app("sysapp").system());
        settle();
        assertEquals("Cannot change 'sysapp': 'sysapp' is a system app (test.sysapp, bundle " + sys.getBundleId()
                + "): the runtime needs it, so it cannot be disabled; stop or uninstall its bundle instead if you"
                + " must\n", shell("apps:disable sysapp"));
        assertEquals(AppState.READY, stateOf("sysapp"));
        assertTrue(activation().isEnabled("sysapp"));
        assertTrue(shell("apps:info sysapp").contains("\n  enabled:     yes (system app)\n"));
    }

    @Test
    public void aStoppedSystemAppCannotBeDisabledEitherEvenAfterTheRegistryRestarts() throws Exception {
        Bundle sys = installAndStart(TestBundles.app("sysstop").system());
        settle();
        sys.stop();
        settle();
        assertEquals(AppState.STOPPED, stateOf("sysstop"));
        String refused = "Cannot change 'sysstop': 'sysstop' is a system app (test.sysstop, bundle " + sys.getBundleId()
                + "): the runtime needs it, so it cannot be disabled, even while its bundle is stopped; stop or"
                + " uninstall its bundle instead if you must\n";
        assertEquals(refused, shell("apps:disable sysstop"));
        try {
            activation().disable("sysstop");
            fail("a stopped system app was disabled through the API");
        } catch (IllegalArgumentException expected) {
            assertEquals(refused.substring("Cannot change 'sysstop': ".length(), refused.length() - 1), expected.getMessage());
        }
        restart(registryBundle()); // the registry knows it as a system app from what it kept, not from a running app
        assertEquals(AppState.STOPPED, stateOf("sysstop"));
        assertEquals(refused, shell("apps:disable sysstop"));
        assertTrue(activation().isEnabled("sysstop"));
        sys.start();
        settle();
        assertEquals(AppState.READY, stateOf("sysstop"));
        sys.uninstall();
        settle();
    }

    @Test
    public void aSystemAppDeclaredInItsHeaderCannotBeDisabledBeforeItEverRan() throws Exception {
        Bundle meta = install(TestBundles.metadataOnly("test.sysmeta", "sysmeta;system=true"));
        settle();
        assertEquals(AppState.STOPPED, stateOf("sysmeta"));
        assertEquals("Cannot change 'sysmeta': 'sysmeta' is a system app (test.sysmeta, bundle " + meta.getBundleId()
                + "): the runtime needs it, so it cannot be disabled, even while its bundle is stopped; stop or"
                + " uninstall its bundle instead if you must\n", shell("apps:disable sysmeta"));
        assertTrue(activation().isEnabled("sysmeta"));
        meta.uninstall();
        settle();
    }

    @Test
    public void theDisabledStateSurvivesUpdateAndReinstall() throws Exception {
        Bundle base = installAndStart(TestBundles.app("base"));
        settle();
        shell("apps:disable base");
        base.update(new java.io.ByteArrayInputStream(TestBundles.app("base").version("2.0.0").build()));
        settle();
        assertEquals(AppState.DISABLED, stateOf("base"));
        assertEquals("2.0.0", registry.app("base").version().toString());
        base.uninstall();
        settle();
        assertFalse(registry.findApp("base").isPresent());
        assertFalse("the state belongs to the label, not the bundle", activation().isEnabled("base"));
        installAndStart(TestBundles.app("base"));
        settle();
        assertEquals(AppState.DISABLED, stateOf("base"));
        assertEquals("an uninstalled label can be enabled again", "gone is enabled.\nNo app changed state.\n",
                enableAfterDisabling("gone"));
    }

    /** Disables a label whose app then leaves, and enables it again with no app installed. */
    private String enableAfterDisabling(String label) throws Exception {
        Bundle b = installAndStart(TestBundles.app(label));
        settle();
        shell("apps:disable " + label);
        b.uninstall();
        settle();
        return shell("apps:enable " + label);
    }

    @Test
    public void theRegistryReadsTheStateAgainWhenRestartedAndSurvivesADamagedFile() throws Exception {
        chain();
        shell("apps:disable top");
        shell("apps:disable base");
        Bundle registryBundle = registryBundle();
        File state = registryBundle.getBundleContext().getDataFile("enabled.properties");
        assertTrue(Files.readString(state.toPath()), Files.readString(state.toPath()).contains("disabled=base\ndisabled=top\n"));

        restart(registryBundle);
        assertEquals(AppState.DISABLED, stateOf("base"));
        assertEquals(AppState.DISABLED, stateOf("top"));
        assertEquals("requires 'base', which is disabled", registry.app("mid").reason());
        assertFalse(shell("apps:diag"), shell("apps:diag").contains("state file"));

        registryBundle.stop();
        String whole = Files.readString(state.toPath());
        Files.writeString(state.toPath(), whole.substring(0, whole.length() / 2)); // as a crash mid-write would
        registryBundle.start();
        useCurrentRegistry();
        // the previous generation: only top was disabled then
        assertEquals(AppState.DISABLED, stateOf("top"));
        assertEquals(AppState.READY, stateOf("base"));
        String diag = shell("apps:diag");
        assertTrue(diag, diag.contains("the state file " + state + " is corrupt or half-written (no checksum line);"
                + " started from its previous generation " + state + ".bak (disabled: top); the next apps:enable or"
                + " apps:disable rewrites it\n"));
        shell("apps:enable top");
        assertEquals(AppState.READY, stateOf("top"));
        restart(registryBundle);
        assertEquals(AppState.READY, stateOf("top"));
        assertFalse("a good save clears the problem", shell("apps:diag").contains("state file"));
    }

    private Bundle registryBundle() {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals("io.tessera.registry")) {
                return b;
            }
        }
        throw new AssertionError("no registry bundle");
    }

    private void restart(Bundle registryBundle) throws Exception {
        registryBundle.stop();
        registryBundle.start();
        useCurrentRegistry();
    }

    /** The injected registry belongs to the stopped registry bundle: use the one it published now. */
    private void useCurrentRegistry() throws Exception {
        registry = context.getService(context.getServiceReference(AppRegistry.class));
        settle();
    }
}
