package io.tessera.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

import io.tessera.core.App;
import io.tessera.core.AppRegistry;
import io.tessera.core.AppState;
import io.tessera.testkit.internal.EmbeddedBundles;
import io.tessera.testkit.internal.EmbeddedFelix;
import io.tessera.testkit.internal.EmbeddedFelix.Jar;
import io.tessera.testkit.internal.GogoShell;
import io.tessera.testkit.internal.Situation;

/**
 * A real Tessera runtime in the test's JVM: Felix with the registry and the Gogo shell the runtime
 * ships, the app under test and the apps it needs. Close it when done (try-with-resources).
 *
 * <pre>{@code
 * try (TesseraRuntime tessera = TesseraRuntime.builder().appUnderTest().exampleApp("auth").start()) {
 *     App shop = tessera.awaitReady("shop");
 *     assertEquals(List.of("shop.Item", "shop.Note"), shop.models().stream().map(Model::key).toList());
 *     assertTrue(tessera.shell("apps:list").contains("shop"));
 * }
 * }</pre>
 *
 * <p>The test and the framework share one {@code io.tessera.core} (the system bundle exports the
 * test's copy), so {@link #registry()} is the registry service itself and its {@link App}s and
 * {@link AppState}s are the test's own types. The app's classes are not shared: the bundle loads
 * its own, so compare models by key, not by {@code Class}.
 *
 * <p>Beside Pax Exam in one JVM, start Pax Exam first or run these tests in a JVM of their own:
 * Felix reads {@code java.protocol.handler.pkgs} once per JVM, and Pax Exam sets it when its first
 * container starts.
 *
 * <p>Every wait ends at a deadline (20 seconds unless {@link Builder#deadline(Duration)} says
 * otherwise) with an {@link AssertionError} that says what the registry saw instead.
 */
public final class TesseraRuntime implements AutoCloseable {

    /** The system property naming the jar of the app under test; {@code tessera-app-parent} sets it for failsafe. */
    public static final String APP_JAR_PROPERTY = "tessera.app.jar";

    private final EmbeddedFelix felix;
    private final Duration deadline;
    private final AppRegistry registry;
    private final ServiceReference<AppRegistry> registryRef;
    private final GogoShell shell;

    private TesseraRuntime(EmbeddedFelix felix, Duration deadline) {
        this.felix = felix;
        this.deadline = deadline;
        this.registryRef = felix.context().getServiceReference(AppRegistry.class);
        if (registryRef == null) {
            felix.close(deadline);
            throw new IllegalStateException("the Tessera registry did not publish its AppRegistry service");
        }
        this.registry = felix.context().getService(registryRef);
        this.shell = new GogoShell(felix.context());
    }

    /** What to start: the runtime bundles always; apps as the builder's methods add them. */
    public static Builder builder() {
        return new Builder();
    }

    /** The live registry: {@code Tessera's django.apps.apps}. */
    public AppRegistry registry() {
        return registry;
    }

    /** The framework's system bundle context: install, update, stop and uninstall bundles with it. */
    public BundleContext context() {
        return felix.context();
    }

    /** The deadline every wait of this runtime has. */
    public Duration deadline() {
        return deadline;
    }

    /** Waits until the app with this label is READY and returns it. */
    public App awaitReady(String label) throws InterruptedException {
        return awaitState(label, AppState.READY);
    }

    /** Waits until the app with this label is in {@code state} (WAITING, FAILED, …) and returns it. */
    public App awaitState(String label, AppState state) throws InterruptedException {
        Objects.requireNonNull(state, "state");
        await("app '" + label + "' is " + state, () -> registry.findApp(label).map(a -> a.state() == state).orElse(false));
        return registry.app(label);
    }

    /** Waits until no app with this label is left in the registry. */
    public void awaitGone(String label) throws InterruptedException {
        await("app '" + label + "' is gone", () -> registry.findApp(label).isEmpty());
    }

    /**
     * Waits until {@code condition} holds, checking every few milliseconds; at the deadline fails
     * with {@code what} and the registry's state (each app's state and reason, bundles that did
     * not start).
     */
    public void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + seconds(deadline) + " waiting until " + what + "\n"
                        + Situation.describe(registry, felix.context(), felix.startProblems()));
            }
            Thread.sleep(5); // the polling interval of a bounded wait
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toMillis() / 1000.0 + " s";
    }

    /** Waits until the registry is settled: nothing in transition, every event delivered. */
    public void awaitSettled() throws InterruptedException {
        if (!registry.awaitSettled(deadline)) {
            throw new AssertionError("the registry did not settle within " + seconds(deadline) + "\n"
                    + Situation.describe(registry, felix.context(), felix.startProblems()));
        }
    }

    /**
     * Runs a command line through the runtime's real Gogo shell ({@code "apps:info shop"}) and
     * returns what it printed, followed by its result's text.
     */
    public String shell(String commandLine) throws Exception {
        return shell.execute(commandLine);
    }

    /** Bundles among the apps given that threw when started, with the framework's message. */
    public List<String> startProblems() {
        return felix.startProblems();
    }

    /** Stops the framework and deletes its storage. */
    @Override
    public void close() {
        try {
            felix.context().ungetService(registryRef);
        } catch (IllegalStateException alreadyStopped) {
            // the test stopped the framework itself
        }
        felix.close(deadline);
    }

    /** Chooses the apps to start beside the runtime bundles, then {@link #start()}s. */
    public static final class Builder {

        private final List<Jar> apps = new ArrayList<>();
        private Duration deadline = Duration.ofSeconds(20);

        private Builder() {
        }

        /**
         * The jar this module builds: the path in the {@value TesseraRuntime#APP_JAR_PROPERTY}
         * system property, which {@code tessera-app-parent} gives the integration tests that
         * failsafe runs after {@code package}.
         */
        public Builder appUnderTest() {
            String jar = Optional.ofNullable(System.getProperty(APP_JAR_PROPERTY)).orElseThrow(() ->
                    new IllegalStateException("appUnderTest(): the system property " + APP_JAR_PROPERTY
                            + " names no jar. tessera-app-parent sets it for integration tests (classes named *IT,"
                            + " run by 'mvn verify'); elsewhere give the jar with bundle(Path)"));
            Path path = Path.of(jar);
            if (!path.toFile().isFile()) {
                throw new IllegalStateException("appUnderTest(): " + path + " does not exist yet; run the test as an"
                        + " integration test (a class named *IT, with 'mvn verify'), after the jar is packaged");
            }
            return bundle(path);
        }

        /** One of the runtime's example apps, as the runtime ships it: {@code "auth"} (users and groups). */
        public Builder exampleApp(String label) {
            apps.add(Jar.carried(EmbeddedBundles.exampleJar(label)));
            return this;
        }

        /** Any other bundle: another app, or a library an app needs. */
        public Builder bundle(Path jar) {
            apps.add(Jar.file(jar));
            return this;
        }

        /** How long each wait may take before it fails (default 20 seconds). */
        public Builder deadline(Duration deadline) {
            this.deadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        /**
         * Starts the framework, the runtime bundles, then the apps (installed and resolved
         * together, then started), and waits until the registry has settled.
         *
         * @throws BundleException if a runtime bundle does not start (an app that does not start is
         *         in {@link TesseraRuntime#startProblems()} instead, as the runtime carries on)
         * @throws IllegalArgumentException if a jar given with {@link #bundle(Path)} does not exist
         */
        public TesseraRuntime start() throws BundleException, IOException, InterruptedException {
            TesseraRuntime runtime = new TesseraRuntime(EmbeddedFelix.start(apps, deadline), deadline);
            try {
                runtime.awaitSettled();
            } catch (AssertionError | InterruptedException e) {
                runtime.close();
                throw e;
            }
            return runtime;
        }
    }
}
