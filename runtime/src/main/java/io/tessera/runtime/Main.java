package io.tessera.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Starts Tessera: an embedded Felix with the bundles found beside this jar, the registry watching
 * the deploy folder (framework property {@code tessera.deploy}), and the Gogo shell on the terminal if there is one ({@link InteractiveShell}).
 * The framework's storage is a throwaway directory, so every start is clean. Runs until
 * {@code stop 0} or Ctrl-D in the shell, or SIGTERM, and exits 0 when the framework stopped
 * cleanly. Without a terminal (as a service, standard input closed) there is no shell: the
 * console shows the start line, what apps print and problems, one line each; Ctrl-C then stops it.
 * Problems go with their stack traces to the log file ({@link FrameworkLog}).
 *
 * <p>System properties: {@code tessera.deploy} (the watched folder, default
 * {@code runtime/deploy}), {@code tessera.log.file} (default {@code runtime/log/tessera.log}),
 * {@code tessera.bundles}, {@code tessera.storage}, {@code tessera.shell=true|false} (the shell
 * even without a terminal, or none), {@code tessera.apps=false} (leave out the Tessera bundles and
 * examples: bare Felix, for comparisons).
 */
public final class Main {

    private static final StartFailures START_FAILURES = new StartFailures();

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        RuntimeLayout layout = RuntimeLayout.detect();
        boolean shell = InteractiveShell.wanted();
        boolean apps = !"false".equals(System.getProperty("tessera.apps"));

        Files.createDirectories(layout.deploy());
        if (shell) {
            AboveThePrompt.install(); // before Gogo takes System.out as the stream of threads without a session
        }
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next()
                .newFramework(layout.frameworkProperties(shell));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(framework, layout), "tessera-shutdown"));
        Signals.stopFrameworkOn(framework, "TERM", "INT");
        framework.start();

        List<Bundle> installed = new ArrayList<>();
        Bundle jline = null;
        for (Path jar : layout.bundleJars()) {
            String name = jar.getFileName().toString();
            boolean isShell = name.contains("gogo.jline") || name.equals("jline.jar");
            if ((!apps && (name.startsWith("tessera-"))) || (!shell && isShell)) {
                continue;
            }
            Bundle b = framework.getBundleContext().installBundle(jar.toUri().toString());
            if (name.contains("gogo.jline")) {
                jline = b;
            } else {
                installed.add(b);
            }
        }
        // one resolver run for them all: started one by one, each bundle would run the resolver for
        // itself (one run took 15 ms off start-up with the example apps); a bundle that cannot
        // resolve still fails alone, in startQuietly, with the framework's reason
        framework.adapt(FrameworkWiring.class).resolveBundles(installed);
        for (Bundle b : installed) {
            startQuietly(b);
        }
        START_FAILURES.reportTo(framework.getBundleContext()); // the registry may have started after them
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(apps ? summary(framework.getBundleContext(), millis) : "Felix started in " + millis + " ms");
        if (jline != null) {
            System.out.println("Deploy folder: " + layout.deploy() + "   Log: " + layout.logFile()
                    + "\nTab completes; 'help' lists the commands; Ctrl-C interrupts; 'stop 0' or Ctrl-D at an empty prompt quits.");
            System.out.flush();
            InteractiveShell.start(framework.getBundleContext(), jline, installed, layout.storage().resolve("gosh"));
        }
        System.out.flush();

        FrameworkEvent end = framework.waitForStop(0);
        deleteTree(layout.storage());
        System.exit(end.getType() == FrameworkEvent.ERROR ? 1 : 0);
    }

    /** "Tessera started in 640 ms: 4 apps READY (auth, blog, notes, polls)". */
    private static String summary(BundleContext context, long millis) {
        ServiceReference<?> ref = context.getServiceReference("io.tessera.core.AppRegistry");
        if (ref == null) {
            return "Tessera started in " + millis + " ms, but the registry is not running";
        }
        Object registry = context.getService(ref);
        try {
            Method await = registry.getClass().getMethod("awaitSettled", Duration.class);
            await.invoke(registry, Duration.ofSeconds(30));
            List<?> apps = (List<?>) registry.getClass().getMethod("apps").invoke(registry);
            List<String> labels = new ArrayList<>();
            int ready = 0;
            for (Object app : apps) {
                String state = String.valueOf(app.getClass().getMethod("state").invoke(app));
                labels.add(app.getClass().getMethod("label").invoke(app) + ("READY".equals(state) ? "" : " " + state));
                ready += "READY".equals(state) ? 1 : 0;
            }
            return "Tessera started in " + millis + " ms: " + ready + " of " + apps.size() + " apps READY ("
                    + String.join(", ", labels) + ")";
        } catch (ReflectiveOperationException e) {
            return "Tessera started in " + millis + " ms";
        } finally {
            context.ungetService(ref);
        }
    }

    private static void startQuietly(Bundle b) {
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return;
        }
        try {
            b.start();
        } catch (BundleException e) {
            System.err.println("Bundle " + b.getSymbolicName() + " did not start: " + e.getMessage());
            START_FAILURES.add(b, e);
        }
    }

    private static void stopQuietly(Framework framework, RuntimeLayout layout) {
        try {
            if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                framework.stop();
                framework.waitForStop(10_000);
            }
        } catch (Exception e) {
            System.err.println("Tessera did not stop cleanly: " + e);
        }
        deleteTree(layout.storage());
    }

    /** Deletes the throwaway storage; safe to call from the shutdown hook and main at once. */
    static synchronized void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException ignored) {
            // a throwaway directory; the OS cleans the temp folder eventually
        }
    }

    /** Where things are: next to the launcher jar, unless system properties say otherwise. */
    record RuntimeLayout(Path bundles, Path deploy, Path storage, Path logFile) {

        static RuntimeLayout detect() throws IOException, URISyntaxException {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = jar.getParent();
            Path bundles = pathProperty("tessera.bundles", target.resolve("bundles"));
            Path deploy = pathProperty("tessera.deploy", target.getParent().resolve("deploy"));
            Path logFile = pathProperty("tessera.log.file", target.getParent().resolve("log").resolve("tessera.log"));
            String storage = System.getProperty("tessera.storage");
            Path store = storage != null ? Path.of(storage) : Files.createTempDirectory("tessera-felix-");
            return new RuntimeLayout(bundles, deploy.toAbsolutePath().normalize(), store,
                    logFile.toAbsolutePath().normalize());
        }

        private static Path pathProperty(String key, Path fallback) {
            String value = System.getProperty(key);
            return value == null ? fallback : Path.of(value);
        }

        /** Felix takes its logger as an object among the (otherwise string) properties. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, String> frameworkProperties(boolean shell) {
            Map<String, Object> p = new HashMap<>();
            p.put(Constants.FRAMEWORK_STORAGE, storage.toString());
            p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            // the registry deploys the jars in this folder
            p.put("tessera.deploy", deploy.toString());
            p.put("felix.log.level", "2");
            FrameworkLog log = new FrameworkLog(logFile);
            log.takeOverJavaLogging();
            p.put("felix.log.logger", log);
            p.put("tessera.log.file", logFile.toString());
            if (shell) {
                // the shell reads its profile from gosh.home/etc; Ctrl-D at an empty prompt stops the
                // framework, but the end of input that is no terminal (a shell forced on) does not
                p.put("gosh.home", storage.resolve("gosh").toString());
                p.put("gosh.args", System.console() != null ? "" : "--noshutdown");
            }
            return (Map) p;
        }

        List<Path> bundleJars() throws IOException {
            if (!Files.isDirectory(bundles)) {
                throw new IOException("No bundles in " + bundles + ": build first with 'mvn -DskipTests package'");
            }
            try (Stream<Path> jars = Files.list(bundles)) {
                return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            }
        }
    }
}
