package io.tessera.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.tessera.core.App;
import io.tessera.core.AppConfig;
import io.tessera.core.AppState;
import io.tessera.core.Model;

/** The kit against the runtime bundles it carries: what an app's test reads, and what it reads when things go wrong. */
public class TesseraRuntimeTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theRegistryAndItsTypesAreTheTestsOwn() throws Exception {
        try (TesseraRuntime tessera = TesseraRuntime.builder().exampleApp("auth").start()) {
            App auth = tessera.awaitReady("auth");
            assertSame(AppState.READY, auth.state());
            assertEquals(List.of("auth.Group", "auth.User"), tessera.registry().models().stream().map(Model::key).toList());
            AppConfig config = auth.config();
            assertEquals("auth", config.label());
            assertEquals("testkit:tessera-example-auth.jar", auth.location());
        }
    }

    @Test
    public void shellCommandsRunInTheRealGogoAndChangeTheRegistry() throws Exception {
        try (TesseraRuntime tessera = TesseraRuntime.builder().exampleApp("auth").start()) {
            App auth = tessera.awaitReady("auth");
            assertEquals("auth.Group(id: long, name: String, permissions: List<String>)\n"
                    + "auth.User(id: long, username: String, email: String, isStaff: boolean, dateJoined: Instant,"
                    + " group: long -> auth.Group)\n", tessera.shell("apps:models auth"));

            tessera.shell("stop " + auth.bundleId());
            notReady(tessera, "auth");
            tessera.shell("start " + auth.bundleId());
            tessera.awaitReady("auth");

            Exception unknown = assertThrows(Exception.class, () -> tessera.shell("apps:nosuch"));
            assertTrue(unknown.getMessage(), unknown.getMessage().contains("apps:nosuch"));
        }
    }

    @Test
    public void aWaitThatTimesOutSaysWhatTheRegistrySaw() throws Exception {
        try (TesseraRuntime tessera = TesseraRuntime.builder().exampleApp("auth").deadline(Duration.ofMillis(300))
                .start()) {
            AssertionError timeout = assertThrows(AssertionError.class, () -> tessera.awaitReady("shop"));
            assertEquals("timed out after 300 ms waiting until app 'shop' is READY\n"
                    + "Apps in the registry:\n"
                    + "  auth READY 0.1.0.SNAPSHOT", timeout.getMessage());
        }
    }

    @Test
    public void aJarThatCannotResolveIsReportedWithTheFrameworksReason() throws Exception {
        Path broken = jar("broken.jar", "test.broken", "com.example.missing");
        try (TesseraRuntime tessera = TesseraRuntime.builder().bundle(broken).deadline(Duration.ofMillis(300)).start()) {
            assertEquals(1, tessera.startProblems().size());
            String problem = tessera.startProblems().get(0);
            assertTrue(problem, problem.startsWith("broken.jar (bundle 6) did not start: Unable to resolve test.broken [6]"));
            assertTrue(problem, problem.contains("missing requirement") && problem.contains("com.example.missing"));

            AssertionError timeout = assertThrows(AssertionError.class, () -> tessera.awaitReady("broken"));
            assertTrue(timeout.getMessage(), timeout.getMessage().contains("The registry has no apps.\n"
                    + "Bundle 6 test.broken (" + broken.toUri() + ") is INSTALLED\n" + problem));
        }
    }

    @Test
    public void twoRuntimesInOneJvmAreIndependent() throws Exception {
        try (TesseraRuntime one = TesseraRuntime.builder().exampleApp("auth").start();
                TesseraRuntime two = TesseraRuntime.builder().exampleApp("auth").start()) {
            one.shell("stop " + one.awaitReady("auth").bundleId());
            notReady(one, "auth");
            assertSame(AppState.READY, two.registry().app("auth").state());
        }
    }

    @Test
    public void whatTheKitCannotStartIsRefusedWithWhatToDo() {
        IllegalArgumentException example = assertThrows(IllegalArgumentException.class,
                () -> TesseraRuntime.builder().exampleApp("blog"));
        assertEquals("the test kit carries the example app auth, not 'blog'; install another app's jar with"
                + " bundle(Path)", example.getMessage());

        String property = System.clearProperty(TesseraRuntime.APP_JAR_PROPERTY);
        try {
            IllegalStateException noJar = assertThrows(IllegalStateException.class,
                    () -> TesseraRuntime.builder().appUnderTest());
            assertTrue(noJar.getMessage(), noJar.getMessage().startsWith(
                    "appUnderTest(): the system property tessera.app.jar names no jar."));

            System.setProperty(TesseraRuntime.APP_JAR_PROPERTY, folder.getRoot() + "/shop-1.0.jar");
            IllegalStateException notBuilt = assertThrows(IllegalStateException.class,
                    () -> TesseraRuntime.builder().appUnderTest());
            assertTrue(notBuilt.getMessage(), notBuilt.getMessage().startsWith(
                    "appUnderTest(): " + folder.getRoot() + "/shop-1.0.jar does not exist yet;"));
        } finally {
            if (property == null) {
                System.clearProperty(TesseraRuntime.APP_JAR_PROPERTY);
            } else {
                System.setProperty(TesseraRuntime.APP_JAR_PROPERTY, property);
            }
        }
    }

    /** A stopped app leaves the index today; it may stay with a state saying why (issue 14): either will do here. */
    private static void notReady(TesseraRuntime tessera, String label) throws InterruptedException {
        tessera.await("app '" + label + "' is not READY",
                () -> tessera.registry().findApp(label).filter(App::isReady).isEmpty());
    }

    private Path jar(String fileName, String symbolicName, String importPackage) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Import-Package", importPackage);
        Path jar = folder.getRoot().toPath().resolve(fileName);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
