package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.After;
import org.junit.Before;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

import io.tessera.core.AppRegistry;
import io.tessera.core.AppState;

/**
 * What every integration test shares: a real Felix provisioned with the jars this build
 * produced (by file URL, from {@code runtime/target/bundles}), the registry's deploy folder on a
 * folder of the test class's own, and helpers to install generated apps, run shell commands and wait on
 * conditions with deadlines.
 */
public abstract class TesseraTestSupport {

    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final String[] EXAMPLES = {"auth", "blog", "markdown", "notes", "polls"};

    @Inject
    protected BundleContext context;
    @Inject
    protected AppRegistry registry;
    @Inject
    protected CommandProcessor commandProcessor;

    /** Hook calls recorded by generated apps ("label:ready", "label:stopping"), in order. */
    protected final List<String> journal = Collections.synchronizedList(new ArrayList<>());
    private final List<Bundle> installed = new ArrayList<>();

    /** The Pax Exam configuration: every bundle the runtime ships, plus JUnit. */
    public static Option[] tesseraOptions(String testName) {
        Path bundles = Path.of(System.getProperty("tessera.bundles", "target/bundles")).toAbsolutePath();
        return options(
                cleanCaches(true),
                frameworkProperty("tessera.deploy").value(deployFolder(testName).toString()),
                systemProperty("tessera.it.deploy").value(deployFolder(testName).toString()),
                jar(bundles, "org.apache.felix.gogo.runtime"),
                jar(bundles, "org.apache.felix.gogo.command"),
                // the shell the runtime ships (its converters turn bundle ids into bundles), without a terminal
                frameworkProperty("gosh.args").value("--nointeractive --noshutdown"),
                jar(bundles, "jline"),
                jar(bundles, "org.apache.felix.gogo.jline"),
                jar(bundles, "org.apache.felix.configadmin"), // before the registry: it imports ConfigAdmin optionally
                jar(bundles, "tessera-core"),
                jar(bundles, "tessera-registry"),
                jar(bundles, "tessera-example-auth"),
                jar(bundles, "tessera-example-blog"),
                jar(bundles, "tessera-example-polls"),
                jar(bundles, "tessera-example-notes"),
                jar(bundles, "tessera-example-markdown"),
                junitBundles());
    }

    private static Option jar(Path folder, String name) {
        Path jar = folder.resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with 'mvn verify' from the project root");
        }
        return bundle(jar.toUri().toString());
    }

    static Path deployFolder(String testName) {
        Path root = Path.of(System.getProperty("tessera.test.dir", "target/it")).toAbsolutePath();
        Path folder = root.resolve(testName).resolve("deploy");
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return folder;
    }

    @Before
    public void startJournal() throws InterruptedException {
        System.getProperties().put("tessera.it.journal", journal);
        settle();
    }

    @After
    public void uninstallGeneratedBundles() throws Exception {
        for (Bundle b : installed) {
            if (b.getState() != Bundle.UNINSTALLED) {
                b.uninstall();
            }
        }
        installed.clear();
        settle();
    }

    /** Installs a generated bundle; it is uninstalled after the test. */
    protected Bundle install(TestBundles bundle) throws BundleException {
        return install(bundle.symbolicName(), bundle.build());
    }

    /** Installs the jar {@code bytes} under a fresh location; it is uninstalled after the test. */
    protected Bundle install(String symbolicName, byte[] bytes) throws BundleException {
        Bundle b = context.installBundle("test:" + symbolicName + "#" + System.nanoTime(), new ByteArrayInputStream(bytes));
        installed.add(b);
        return b;
    }

    protected Bundle installAndStart(TestBundles bundle) throws BundleException {
        Bundle b = install(bundle);
        b.start();
        return b;
    }

    protected void settle() throws InterruptedException {
        assertTrue("the registry did not settle within " + DEADLINE, registry.awaitSettled(DEADLINE));
    }

    /** Runs a command line through the real Gogo processor and returns what it printed and returned. */
    protected String shell(String commandLine) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (CommandSession session = commandProcessor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object result = session.execute(commandLine);
            out.flush();
            return bytes.toString(StandardCharsets.UTF_8) + (result == null ? "" : result.toString());
        }
    }

    protected AppState stateOf(String label) {
        return registry.app(label).state();
    }

    protected void assertExamplesReady() {
        for (String label : EXAMPLES) {
            assertEquals("example app '" + label + "': " + registry.app(label).reason(), AppState.READY,
                    stateOf(label));
        }
    }

    /** Waits until {@code condition} holds, checking every few milliseconds, failing after the deadline. */
    protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + DEADLINE + " waiting until " + what);
            }
            Thread.sleep(5); // polling interval of a bounded wait, not synchronisation
        }
    }
}
