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

import io.tessera.core.AppState;
import io.tessera.core.Model;

/** Gogo-level bundle operations (start, stop, update, uninstall) change the index at once. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AppLifecycleIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("AppLifecycleIT");
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    @Test
    public void examplesAreReadyAtStartWithTheirModels() {
        assertExamplesReady();
        List<String> keys = registry.models().stream().map(Model::key).toList();
        assertTrue(keys.toString(), keys.containsAll(List.of("auth.User", "auth.Group", "blog.Post", "blog.Comment",
                "polls.Question", "polls.Choice", "notes.Note")));
        assertEquals("title", registry.model("blog.Post").fields().get(1).name());
        assertEquals("auth.User", registry.model("blog", "post").field("author").get().reference().get());
        assertTrue(registry.isInstalled("io.tessera.example.blog"));
    }

    @Test
    public void stopAndStartShowInTheIndexByTheTimeTheyReturn() throws Exception {
        Bundle polls = bundle("io.tessera.example.polls");
        polls.stop();
        assertEquals("a stopped app is listed, not forgotten", AppState.STOPPED, stateOf("polls"));
        assertFalse(registry.findModel("polls.Question").isPresent());
        polls.start();
        assertEquals(AppState.READY, stateOf("polls"));
        assertEquals("polls.Question", registry.model("polls.question").key());
    }

    @Test
    public void stoppingARequiredAppTakesItsDependentsDownAndBackUp() throws Exception {
        Bundle auth = bundle("io.tessera.example.auth");
        auth.stop();
        try {
            assertEquals(AppState.WAITING, stateOf("blog"));
            assertTrue(registry.app("blog").reason(), registry.app("blog").reason().contains("requires 'auth'"));
            assertEquals(AppState.WAITING, stateOf("notes"));
            assertFalse(registry.findModel("blog.Post").isPresent());
            assertEquals(AppState.READY, stateOf("polls"));
        } finally {
            auth.start();
        }
        assertExamplesReady();
    }

    @Test
    public void updateToANewVersionBringsDependentsBackOrSaysWhyNot() throws Exception {
        Bundle gamma = installAndStart(TestBundles.app("gamma").version("1.0.0"));
        installAndStart(TestBundles.app("delta").requires("gamma [1.0,2.0)"));
        assertEquals(AppState.READY, stateOf("delta"));

        gamma.update(new ByteArrayInputStream(TestBundles.app("gamma").version("1.5.0").build()));
        settle();
        assertEquals(new Version(1, 5, 0), registry.app("gamma").version());
        assertEquals(AppState.READY, stateOf("gamma"));
        assertEquals(AppState.READY, stateOf("delta"));
        assertEquals(List.of("gamma:ready", "delta:ready", "delta:stopping", "gamma:stopping", "gamma:ready",
                "delta:ready"), List.copyOf(journal));

        gamma.update(new ByteArrayInputStream(TestBundles.app("gamma").version("2.0.0").build()));
        settle();
        assertEquals(AppState.READY, stateOf("gamma"));
        assertEquals(AppState.WAITING, stateOf("delta"));
        assertTrue(registry.app("delta").reason(), registry.app("delta").reason().contains("version 2.0.0"));
        assertExamplesReady();
    }

    @Test
    public void uninstallRemovesTheAppAndItsModels() throws Exception {
        Bundle epsilon = installAndStart(TestBundles.app("epsilon"));
        assertEquals("epsilon.Alpha", registry.model("epsilon.alpha").key());
        epsilon.uninstall();
        assertFalse(registry.findApp("epsilon").isPresent());
        assertFalse(registry.findModel("epsilon.Alpha").isPresent());
        assertFalse(registry.models().stream().anyMatch(m -> m.appLabel().equals("epsilon")));
    }
}
