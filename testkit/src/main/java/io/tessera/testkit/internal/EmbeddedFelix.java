package io.tessera.testkit.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A Felix framework in this JVM with the runtime's bundles, as the runtime's launcher starts it:
 * throwaway storage, every bundle installed first and resolved in one run, then started. Its
 * system bundle exports the test's own {@code io.tessera.core}; everything else is a bundle.
 */
public final class EmbeddedFelix implements AutoCloseable {

    /** A bundle to install: a jar the kit carries ({@code path} null) or a file. */
    public record Jar(String name, Path path) {

        public static Jar carried(String name) {
            return new Jar(name, null);
        }

        public static Jar file(Path path) {
            return new Jar(path.getFileName().toString(), path.toAbsolutePath());
        }

        Bundle install(BundleContext context) throws BundleException {
            if (path != null) {
                if (!Files.isRegularFile(path)) {
                    throw new IllegalArgumentException("no jar at " + path);
                }
                return context.installBundle(path.toUri().toString());
            }
            InputStream in = EmbeddedBundles.open(name);
            if (in == null) {
                throw new IllegalStateException("the test kit's jar lacks " + name + ".jar: it was built without it");
            }
            return context.installBundle(EmbeddedBundles.location(name), in);
        }
    }

    private final Framework framework;
    private final Path home;
    private final List<String> startProblems;

    private EmbeddedFelix(Framework framework, Path home, List<String> startProblems) {
        this.framework = framework;
        this.home = home;
        this.startProblems = startProblems;
    }

    /**
     * Starts the framework with the runtime bundles, then {@code apps}. A runtime bundle that does
     * not start is an error; an app that does not start is recorded in {@link #startProblems()}, as
     * the runtime reports it and carries on.
     */
    public static EmbeddedFelix start(List<Jar> apps, Duration deadline) throws BundleException, IOException {
        // the shell runs without a terminal: say so, or jline warns on every start that it found none
        if (System.getProperty("org.jline.terminal.dumb") == null) {
            System.setProperty("org.jline.terminal.dumb", "true");
        }
        Path home = Files.createTempDirectory("tessera-testkit-");
        Framework framework = ServiceLoader.load(FrameworkFactory.class, EmbeddedFelix.class.getClassLoader())
                .iterator().next().newFramework(Map.of(
                        Constants.FRAMEWORK_STORAGE, home.resolve("felix").toString(),
                        "gosh.home", shellHome(home).toString(),
                        Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                        Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, CoreExport.clause(),
                        // the runtime's shell, without a terminal, and never stopping the framework itself
                        "gosh.args", "--nointeractive --noshutdown",
                        "felix.log.level", "1",
                        // no JVM-wide URL handler factory: it outlives this framework and breaks the next
                        // one's protocols (Pax Exam's link: in the same test JVM, for one)
                        "felix.service.urlhandlers", "false"));
        framework.start();
        EmbeddedFelix felix = new EmbeddedFelix(framework, home, new ArrayList<>());
        try {
            felix.installAndStart(apps);
            awaitShellStartup(deadline);
        } catch (BundleException | RuntimeException e) {
            felix.close(deadline);
            throw e;
        }
        return felix;
    }

    /** {@code home/etc/gosh_profile}: the profile Gogo's start-up reads, written for a shell without a terminal. */
    private static Path shellHome(Path home) throws IOException {
        Path etc = Files.createDirectories(home.resolve("etc"));
        try (InputStream profile = EmbeddedFelix.class.getResourceAsStream("/io/tessera/testkit/gosh_profile")) {
            Files.copy(profile, etc.resolve("gosh_profile"));
        }
        return home;
    }

    private void installAndStart(List<Jar> apps) throws BundleException {
        BundleContext context = framework.getBundleContext();
        List<Bundle> runtime = new ArrayList<>();
        for (String name : EmbeddedBundles.RUNTIME) {
            runtime.add(Jar.carried(name).install(context));
        }
        List<Bundle> installed = new ArrayList<>(runtime);
        List<String> names = new ArrayList<>();
        for (Jar app : apps) {
            installed.add(app.install(context));
            names.add(app.name());
        }
        framework.adapt(FrameworkWiring.class).resolveBundles(installed);
        for (Bundle b : runtime) {
            if (!isFragment(b)) {
                b.start();
            }
        }
        for (int i = runtime.size(); i < installed.size(); i++) {
            Bundle b = installed.get(i);
            try {
                if (!isFragment(b)) {
                    b.start();
                }
            } catch (BundleException e) {
                startProblems.add(names.get(i - runtime.size()) + " (bundle " + b.getBundleId() + ") did not start: "
                        + e.getMessage());
            }
        }
    }

    /**
     * Waits until Gogo's start-up thread has run its profile. It runs on after the bundle's start;
     * a test that stopped the framework under it would read Gogo's errors about a closed bundle.
     */
    private static void awaitShellStartup(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if ("Gogo shell".equals(t.getName())) {
                try {
                    t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static boolean isFragment(Bundle b) {
        return b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** "shop-1.0.jar (bundle 7) did not start: …" for each app bundle whose start threw. */
    public List<String> startProblems() {
        return List.copyOf(startProblems);
    }

    /** Stops the framework, waiting up to {@code deadline}, and deletes its storage and shell home. */
    public void close(Duration deadline) {
        try {
            framework.stop();
            framework.waitForStop(deadline.toMillis());
        } catch (BundleException e) {
            throw new IllegalStateException("the framework did not stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(home);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(20));
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException ignored) {
            // a throwaway folder in the temporary directory
        }
    }
}
