package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.tessera.core.AppState;

/**
 * The runtime starts while the configured PostgreSQL server is down: the apps with models wait,
 * saying so, the registry and the apps without models work, and everything comes up by itself once
 * the server does.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DataPostgresStartIT extends DataTestSupport {

    @Configuration
    public Option[] config() {
        Option data = DataBundles.options("DataPostgresStartIT");
        TestPostgres.control();
        TestPostgres.stop(); // down before the framework starts
        try {
            Files.writeString(DataBundles.home("DataPostgresStartIT").resolve("etc").resolve(CFG),
                    "url = " + TestPostgres.url() + "\nuser = app\npassword = " + TestPostgres.PASSWORD + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Option[] {composite(tesseraOptions("DataPostgresStartIT")), data};
    }

    @After
    public void serverUp() {
        startPostgres(); // for the other classes
    }

    @Test
    public void appsWithModelsWaitForTheServerAndComeUpWithIt() throws Exception {
        installAndStart(TestBundles.app("plain").models());
        String reason = "database unreachable at " + postgresUrl() + ": Connection refused; start the server or fix url"
                + " in etc/io.tessera.data.cfg";
        String out = awaitDb("^Reason:    database unreachable ");
        assertTrue(out, out.contains("\nState:     UNAVAILABLE since "));
        assertTrue(out, out.contains("\nReason:    " + reason + "\n"));
        for (String label : EXAMPLES) {
            if (!label.equals("markdown")) { // the examples with models, and those requiring auth
                awaitState(label, AppState.WAITING);
            }
        }
        assertEquals("an example without models keeps working", AppState.READY, stateOf("markdown"));
        // auth and polls wait for the database; blog and notes for auth, which they require
        assertEquals(reason, registry.app("auth").reason());
        assertEquals(reason, registry.app("polls").reason());
        for (String label : new String[] {"blog", "notes"}) {
            assertTrue(registry.app(label).reason(), registry.app(label).reason().matches(
                    "(.* )?requires 'auth' \\[0\\.1\\.0,1\\.0\\.0\\), which is WAITING \\(see apps:diag auth\\)"));
        }
        awaitState("plain", AppState.READY);
        assertTrue(shell("apps:list"), shell("apps:list").contains("plain"));
        startPostgres();
        awaitDb("^State:     AVAILABLE ");
        settle();
        assertExamplesReady();
        assertEquals(AppState.READY, stateOf("plain"));
        assertNowhere(TestPostgres.PASSWORD, shell("apps:db"), shell("apps:diag"));
    }
}
