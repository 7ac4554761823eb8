package io.tessera.it;

import static io.tessera.it.BundleChecks.appsOfBundle;
import static io.tessera.it.BundleChecks.assertContains;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.startlevel.BundleStartLevel;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.it.fixture.FixtureApp;

/**
 * The shell's {@code start} is Tessera's once the scope is set as the launcher's shell profile
 * sets it: it starts bundles as Gogo's {@code felix:start} does, prints the same, and hands the
 * exception an activator threw to the registry, so the app's reason names its class, message and
 * first frame in the app's code. {@code felix:start} stays Gogo's.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellStartIT extends TesseraTestSupport {

    /** The two SCOPE lines the shell runs at start: Gogo's profile's, then the launcher's addition. */
    private static final List<String> PROFILE = List.of("SCOPE = 'gogo:*'", "SCOPE = \"tessera:$SCOPE\"");

    @Configuration
    public Option[] config() {
        return tesseraOptions("ShellStartIT");
    }

    /** Runs {@code line} in a session whose scope is set as the interactive shell's is; returns what it printed and returned. */
    private String profiled(String line) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (CommandSession session = commandProcessor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            for (String set : PROFILE) {
                session.execute(set);
            }
            assertEquals("tessera:gogo:*", session.get("SCOPE"));
            Object result = session.execute(line);
            out.flush();
            return bytes.toString(StandardCharsets.UTF_8) + (result == null ? "" : result.toString());
        }
    }

    private App onlyAppOfBundle(long id) {
        List<App> apps = appsOfBundle(registry, id);
        assertEquals(apps.toString(), 1, apps.size());
        return apps.get(0);
    }

    @Test
    public void startTypedInTheShellNamesTheActivatorsExceptionAndPrintsWhatGogosDoes() throws Exception {
        Bundle b = install(TestBundles.app("shellboom").header("Tessera-App-Activator", FixtureApp.class.getName())
                .activatorThrows("no config file"));
        long id = b.getBundleId();
        String gogo = shell("felix:start " + id);
        settle();
        String generic = "bundle " + id + " did not start: its activator threw an exception, which went to whoever started"
                + " the bundle (start " + id + " in the shell names it here); fix the bundle, then update " + id;
        assertEquals("Gogo's own start keeps the exception to itself", generic, onlyAppOfBundle(id).reason());

        String typed = profiled("start " + id);
        assertEquals("the same output as Gogo's", gogo, typed);
        assertEquals("java.lang.IllegalStateException: no config file\n", typed);
        settle();
        App app = onlyAppOfBundle(id);
        assertEquals(AppState.FAILED, app.state());
        String named = "bundle " + id + " did not start: its activator threw IllegalStateException: no config file (at "
                + FixtureApp.class.getName() + ".start(FixtureApp.java:";
        assertTrue(app.reason(), app.reason().startsWith(named));
        assertTrue(app.reason(), app.reason().endsWith(")); fix the bundle, then update " + id));
        assertContains(shell("apps:diag"), "app bundle " + id + " (not run here yet, so its label is not known) FAILED: "
                + named);

        shell("felix:start " + id);
        settle();
        assertEquals("a later start by someone else does not forget what was named", app.reason(),
                onlyAppOfBundle(id).reason());
        assertEquals("its full name, in the shell's scope, is Tessera's too", gogo, profiled("tessera:start " + id));
        assertExamplesReady();
    }

    @Test
    public void everyKindOfArgumentPrintsWhatGogosStartPrints() throws Exception {
        Bundle throwing = install(TestBundles.app("argboom").activatorThrows("broken"));
        Path missing = Files.createTempDirectory("shellstart").resolve("missing.jar");
        String[] arguments = {
            "", // no bundle
            "999999", // no bundle with that id
            "12x", // not a number
            "file:" + missing, // a location that does not install
            throwing.getBundleId() + " 999999", // several, each its own line
        };
        for (String a : arguments) {
            String gogo = shell("felix:start " + a);
            assertEquals("start " + a, gogo, profiled("start " + a));
            assertFalse("start " + a + ": " + gogo, gogo.isBlank());
        }
        assertEquals("Bundle ID '999999'  is invalid.\n", profiled("start 999999"));
        assertEquals("Unable to parse id '12x'.\n", profiled("start 12x"));
        assertEquals("Please specify the bundles to start.", profiled("start"));
        assertEquals("java.io.FileNotFoundException: " + missing + " (No such file or directory)\n",
                profiled("start file:" + missing));
        assertEquals("java.lang.IllegalStateException: broken\nBundle ID '999999'  is invalid.\n",
                profiled("start " + throwing.getBundleId() + " 999999"));
    }

    @Test
    public void optionsAndLocationsStartAsGogosStartDoes() throws Exception {
        Bundle b = install(TestBundles.app("transient"));
        assertEquals("", profiled("start -t " + b.getBundleId()));
        settle();
        assertEquals(Bundle.ACTIVE, b.getState());
        assertFalse("-t starts it transiently", b.adapt(BundleStartLevel.class).isPersistentlyStarted());
        assertEquals(AppState.READY, stateOf("transient"));
        b.stop();

        Bundle lazy = install(TestBundles.app("policy").header("Bundle-ActivationPolicy", "lazy"));
        assertEquals("", profiled("start --policy " + lazy.getBundleId()));
        assertEquals("-p keeps the declared activation policy", Bundle.STARTING, lazy.getState());
        assertTrue(lazy.adapt(BundleStartLevel.class).isActivationPolicyUsed());

        Path jar = Files.createTempDirectory("shellstart").resolve("located.jar");
        Files.write(jar, TestBundles.app("located").build());
        String location = jar.toUri().toString();
        assertEquals("", profiled("start " + location));
        settle();
        Bundle located = context.getBundle(location);
        try {
            assertEquals("a location is installed, then started", Bundle.ACTIVE, located.getState());
            assertEquals(AppState.READY, stateOf("located"));
        } finally {
            located.uninstall();
        }
    }
}
