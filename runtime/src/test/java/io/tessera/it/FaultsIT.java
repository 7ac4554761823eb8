package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import io.tessera.core.App;
import io.tessera.core.AppState;

/**
 * The fault corpus: each broken app ends in a clear reason in {@code apps:diag}, and every
 * example app stays READY.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FaultsIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("FaultsIT");
    }

    /** Asserts the app's state, that its reason and apps:diag contain each fragment, and that the examples are fine. */
    private void assertDiagnosed(String label, AppState state, String... fragments) throws Exception {
        settle();
        App app = registry.app(label);
        assertEquals(app.reason(), state, app.state());
        String diag = shell("apps:diag");
        for (String f : fragments) {
            assertTrue("reason of " + label + " lacks '" + f + "': " + app.reason(), app.reason().contains(f));
            assertTrue("apps:diag lacks '" + f + "':\n" + diag, diag.contains(f));
        }
        assertExamplesReady();
    }

    @Test
    public void invalidLabelIsRejectedWithTheRule() throws Exception {
        installAndStart(TestBundles.app("Bad-Label"));
        assertDiagnosed("Bad-Label", AppState.FAILED, "label 'Bad-Label' is not valid", "[a-z][a-z0-9_]*");
    }

    @Test
    public void duplicateLabelNamesTheHolderAndTakesOverWhenItLeaves() throws Exception {
        installAndStart(TestBundles.app("polls").name("test.polls.impostor"));
        assertDiagnosed("polls", AppState.READY);
        App impostor = registry.apps().stream().filter(a -> a.name().equals("test.polls.impostor")).findFirst()
                .orElseThrow();
        assertEquals(AppState.FAILED, impostor.state());
        assertTrue(impostor.reason(), impostor.reason().contains("already taken by app 'polls'"));
        assertTrue(impostor.reason(), impostor.reason().contains("io.tessera.example.polls"));

        Bundle realPolls = bundleNamed("io.tessera.example.polls");
        realPolls.stop();
        assertEquals("test.polls.impostor", registry.app("polls").name());
        assertEquals(AppState.READY, stateOf("polls"));
        realPolls.start();
        uninstallGeneratedBundles();
        assertEquals("io.tessera.example.polls", registry.app("polls").name());
        assertExamplesReady();
    }

    @Test
    public void duplicateNameIsRejected() throws Exception {
        installAndStart(TestBundles.app("pollsclone").name("io.tessera.example.polls"));
        assertDiagnosed("pollsclone", AppState.FAILED, "name 'io.tessera.example.polls' is already used by app 'polls'");
    }

    @Test
    public void throwingReadyHookFailsOnlyThatApp() throws Exception {
        installAndStart(TestBundles.app("grumpy").readyThrows("database is down"));
        assertDiagnosed("grumpy", AppState.FAILED, "ready() threw IllegalStateException: database is down");
    }

    @Test
    public void throwingActivatorIsReportedByBundle() throws Exception {
        Bundle b = install(TestBundles.app("kaput").activatorThrows("no config file"));
        try {
            b.start();
            fail("the activator should have thrown");
        } catch (BundleException expected) {
            // the framework reports it to the registry as well
        }
        String diag = shell("apps:diag");
        assertTrue(diag, diag.contains("test.kaput") && diag.contains("did not start: its activator threw"));
        assertTrue(shell("apps:check"), shell("apps:check").contains("ERROR bundle " + b.getBundleId() + " test.kaput"));
        assertExamplesReady();
    }

    @Test
    public void throwingStopHookStillStopsTheApp() throws Exception {
        Bundle b = installAndStart(TestBundles.app("sulky").stopThrows("cannot flush"));
        b.stop();
        assertEquals(AppState.STOPPED, stateOf("sulky"));
        assertTrue(journal.contains("sulky:stopping"));
        assertExamplesReady();
    }

    @Test
    public void missingRequirementNamesLabelAndRange() throws Exception {
        installAndStart(TestBundles.app("lonely").requires("ghostapp [1.0,2.0)"));
        assertDiagnosed("lonely", AppState.WAITING, "requires 'ghostapp' [1.0.0,2.0.0), which is not installed");
    }

    @Test
    public void versionMismatchSaysWhichVersionIsThere() throws Exception {
        installAndStart(TestBundles.app("picky").requires("auth [5.0,6.0)"));
        assertDiagnosed("picky", AppState.WAITING, "requires 'auth' [5.0.0,6.0.0), but 'auth' is version 0.1.0");
    }

    @Test
    public void cycleIsReportedOnEveryMember() throws Exception {
        installAndStart(TestBundles.app("cyc_a").requires("cyc_b"));
        installAndStart(TestBundles.app("cyc_b").requires("cyc_c"));
        installAndStart(TestBundles.app("cyc_c").requires("cyc_a"));
        for (String label : new String[] {"cyc_a", "cyc_b", "cyc_c"}) {
            assertDiagnosed(label, AppState.FAILED, "requirement cycle: " + label + " -> ");
        }
    }

    @Test
    public void referenceToAMissingModelNamesIt() throws Exception {
        installAndStart(TestBundles.app("orphanage").models("Orphan"));
        assertDiagnosed("orphanage", AppState.WAITING, "field Orphan.phantom refers to ghost.Phantom",
                "'ghost', which is not installed");
        installAndStart(TestBundles.app("typo").models("Misspelt"));
        assertDiagnosed("typo", AppState.WAITING, "field Misspelt.user refers to auth.Usr",
                "has no model 'Usr' (its models: Group, User)");
        installAndStart(TestBundles.app("fine").models("NeedsUser"));
        assertDiagnosed("fine", AppState.READY);
    }

    @Test
    public void badMetadataHeaderIsReported() throws Exception {
        installAndStart(TestBundles.metadataOnly("test.badmeta",
                "badmeta;models=\"io.tessera.it.fixture.Nope\";requires=\"auth [x,y)\";colour=\"red\""));
        assertDiagnosed("badmeta", AppState.FAILED, "io.tessera.it.fixture.Nope", "cannot be loaded",
                "bad version range '[x,y)'", "unknown attribute 'colour'");
    }

    @Test
    public void metadataOnlyBundleBecomesAnApp() throws Exception {
        installAndStart(TestBundles.metadataOnly("test.plain",
                "plain;verbose-name=\"Plain app\";models=\"io.tessera.it.fixture.Alpha\";requires=\"auth\""));
        assertDiagnosed("plain", AppState.READY);
        assertEquals("Plain app", registry.app("plain").verboseName());
        assertEquals("plain.Alpha", registry.model("plain.alpha").key());
    }

    private Bundle bundleNamed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
