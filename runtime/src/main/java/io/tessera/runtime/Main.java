package io.tessera.runtime;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Starts Tessera: an embedded Felix over a home folder ({@link Home}: {@code etc/}, {@code deploy/},
 * {@code data/}, {@code log/}) that one runtime at a time may use ({@link HomeLock}). The framework
 * cache in {@code data/} persists, so what an operator installed from the shell is there after a
 * restart, started or not as it was left; the runtime's own bundles, found beside this jar, are
 * reconciled with it ({@link RuntimeBundles}). {@code --clean} (or {@code -Dtessera.clean=true})
 * empties {@code data/} first. The registry watches the deploy folder (framework property
 * {@code tessera.deploy}), FileInstall feeds ConfigAdmin from {@code etc/}, and the Gogo shell runs
 * on the terminal if there is one ({@link InteractiveShell}). Runs until {@code stop 0} or Ctrl-D in
 * the shell, or SIGTERM, and exits 0 when the framework stopped cleanly, 2 when the home cannot be
 * used. Without a terminal (as a service, standard input closed) there is no shell: the console
 * shows the start line, what apps print and problems, one line each; Ctrl-C then stops it.
 * Problems go with their stack traces to the rolling log file ({@link FrameworkLog}).
 *
 * <p>System properties: {@code tessera.home} (else the environment's {@code TESSERA_HOME}, else
 * {@code runtime/home}), {@code tessera.deploy} and {@code tessera.log.file} (to move the deploy
 * folder or the log file out of the home), {@code tessera.bundles}, {@code tessera.clean},
 * {@code tessera.shell=true|false} (the shell even without a terminal, or none),
 * {@code tessera.apps=false} (leave out the Tessera bundles and examples: bare Felix, for comparisons).
 */
public final class Main {

    private static final StartFailures START_FAILURES = new StartFailures();

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path bundles = Path.of(System.getProperty("tessera.bundles", jar.getParent().resolve("bundles").toString()));
        Home home = Home.choose(jar.getParent());
        for (String arg : args) {
            if (!arg.equals("--clean")) {
                System.err.println("Tessera cannot start: unknown argument '" + arg + "'. The launcher takes --clean (start"
                        + " from an empty data/ folder) and system properties such as -Dtessera.home=DIR before -jar.");
                System.exit(2);
            }
        }
        boolean clean = List.of(args).contains("--clean") || Boolean.getBoolean("tessera.clean");
        boolean shell = InteractiveShell.wanted();
        boolean apps = !"false".equals(System.getProperty("tessera.apps"));

        HomeLock lock;
        try {
            home.prepare();
            lock = HomeLock.acquire(home);
        } catch (Home.HomeException refused) {
            System.err.println(refused.getMessage());
            System.exit(2);
            return;
        }
        if (clean) {
            home.clean(lock.file());
        }
        Path journal = home.data().resolve(BundleStateJournal.FILE);
        // before Felix reads the cache: it drops what it cannot read
        CacheRepair.repair(home.cache(), BundleStateJournal.read(journal)).forEach(System.out::println);
        if (shell) {
            AboveThePrompt.install(); // before Gogo takes System.out as the stream of threads without a session
        }
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next()
                .newFramework(frameworkProperties(home, shell));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(framework), "tessera-shutdown"));
        Signals.stopFrameworkOn(framework, "TERM", "INT");
        framework.init();
        BundleStateJournal.keep(framework.getBundleContext(), journal); // before anything installs, starts or stops
        List<Path> jars = new ArrayList<>();
        for (Path bundle : bundleJars(bundles)) {
            String name = bundle.getFileName().toString();
            boolean isShell = name.contains("gogo.jline") || name.equals("jline.jar");
            if ((apps || !name.startsWith("tessera-")) && (shell || !isShell)) {
                jars.add(bundle);
            }
        }
        RuntimeBundles.Result reconciled = RuntimeBundles.reconcile(framework.getBundleContext(), bundles, jars);
        framework.start(); // starts what was started when the runtime last stopped (apps installed from the shell)

        List<Bundle> installed = new ArrayList<>();
        Bundle jline = null;
        for (Bundle b : reconciled.bundles()) {
            if ("org.apache.felix.gogo.jline".equals(b.getSymbolicName())) {
                jline = b;
            } else {
                installed.add(b);
            }
        }
        // one resolver run for them all: started one by one, each bundle would run the resolver for
        // itself (one run took 15 ms off start-up with the example apps); a bundle that cannot
        // resolve still fails alone, in startQuietly, with the framework's reason
        framework.adapt(FrameworkWiring.class).resolveBundles(installed);
        // extenders and service-loader providers first (SPI Fly, then slf4j's provider): Jetty looks
        // its slf4j provider up as it starts, and one found missing then is missing for good
        installed.sort(java.util.Comparator.comparingInt(Main::startRank));
        for (Bundle b : installed) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.apache.felix.http.jetty")) {
                // Jetty starts on a thread of its own: it took longer than everything else together
                // on a loaded machine (33 s against 13 s), and nothing waits for it; the web answers
                // once it is up, and its problems (a port in use) are said when they happen
                Thread web = new Thread(() -> startQuietly(b), "tessera-start-web");
                web.setDaemon(true);
                web.start();
            } else {
                startQuietly(b);
            }
        }
        START_FAILURES.reportTo(framework.getBundleContext()); // the registry may have started after them
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println((apps ? summary(framework.getBundleContext(), millis) : "Felix started in " + millis + " ms")
                + "; home " + home.root() + (clean ? " (started clean: data/ emptied)"
                : reconciled.installed() == reconciled.bundles().size() ? " (first start)" : "")
                + (reconciled.updated() == 0 ? "" : " (" + reconciled.updated() + " of the runtime's bundles updated)")
                + (reconciled.uninstalled() == 0 ? "" : " (" + reconciled.uninstalled() + " of the runtime's bundles removed)"));
        if (jline != null) {
            System.out.println("Deploy folder: " + home.deploy() + "   Log: " + home.logFile()
                    + "\nTab completes; 'help' lists the commands; Ctrl-C interrupts; 'stop 0' or Ctrl-D at an empty prompt quits.");
            System.out.flush();
            InteractiveShell.start(framework.getBundleContext(), jline, installed, home.data().resolve("gosh"));
        }
        System.out.flush();

        FrameworkEvent end = framework.waitForStop(0);
        lock.release();
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

    /** 0 for extenders, 1 for bundles that only provide to the service loader, 2 for the rest. */
    private static int startRank(Bundle b) {
        String provides = String.valueOf(b.getHeaders("").get(Constants.PROVIDE_CAPABILITY));
        String requires = String.valueOf(b.getHeaders("").get(Constants.REQUIRE_CAPABILITY));
        return provides.contains("osgi.extender") ? 0
                : provides.contains("osgi.serviceloader") && !requires.contains("osgi.serviceloader.processor") ? 1 : 2;
    }

    private static void startQuietly(Bundle b) {
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return;
        }
        try {
            // transient: the launcher starts its own bundles on every start, the shell last, so the
            // framework must not start them from its cache before the launcher is ready
            b.start(Bundle.START_TRANSIENT);
        } catch (BundleException e) {
            System.err.println("Bundle " + b.getSymbolicName() + " did not start: " + e.getMessage());
            START_FAILURES.add(b, e);
        }
    }

    private static void stopQuietly(Framework framework) {
        try {
            if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                framework.stop();
                framework.waitForStop(10_000);
            }
        } catch (Exception e) {
            System.err.println("Tessera did not stop cleanly: " + e);
        }
    }

    /** Felix takes its logger as an object among the (otherwise string) properties. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Map<String, String> frameworkProperties(Home home, boolean shell) {
        Map<String, Object> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, home.cache().toString());
        // the registry deploys the jars in this folder
        p.put("tessera.deploy", home.deploy().toString());
        p.put("felix.log.level", "2");
        FrameworkLog log = new FrameworkLog(home.logFile());
        log.takeOverJavaLogging();
        p.put("felix.log.logger", log);
        p.put("tessera.log.file", home.logFile().toString());
        p.put("tessera.log.writer", "jul"); // one writer rolls the file: the registry logs through java.util.logging
        // FileInstall feeds ConfigAdmin from etc/ only: .cfg and .config files, no jars (the registry deploys those)
        p.put("felix.fileinstall.dir", home.etc().toString());
        p.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.poll", "500");
        p.put("felix.fileinstall.log.default", "jul");
        p.put("felix.fileinstall.log.level", "3");
        // etc/ is the operator's: FileInstall writing ConfigAdmin's copy back into a file raced with
        // an operator's edit of it (the edit was lost)
        p.put("felix.fileinstall.enableConfigSave", "false");
        // the web (Felix HTTP, Jetty 12): loopback on 8080 unless the operator says otherwise, in
        // etc/org.apache.felix.http.cfg (ConfigAdmin wins over these) or as -D system properties
        p.put("org.apache.felix.http.host", System.getProperty("org.apache.felix.http.host", "127.0.0.1"));
        p.put("org.osgi.service.http.port", System.getProperty("org.osgi.service.http.port", "8080"));
        if (shell) {
            // the shell reads its profile from gosh.home/etc; Ctrl-D at an empty prompt stops the
            // framework, but the end of input that is no terminal (a shell forced on) does not
            p.put("gosh.home", home.data().resolve("gosh").toString());
            p.put("gosh.args", System.console() != null ? "" : "--noshutdown");
        }
        return (Map) p;
    }

    static List<Path> bundleJars(Path bundles) throws IOException {
        if (!Files.isDirectory(bundles)) {
            throw new IOException("No bundles in " + bundles + ": build first with 'mvn -DskipTests package'");
        }
        try (Stream<Path> jars = Files.list(bundles)) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
