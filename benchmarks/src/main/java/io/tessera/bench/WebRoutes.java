package io.tessera.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;


/**
 * Issue 17's web figure: requests per second and p99 latency of a trivial app route through
 * Tessera's per-app context ({@code /bench_web/hello}: gate, fault filter, method dispatch) against
 * the same answer from a servlet registered directly on the same Jetty ({@code /direct/hello}), both
 * in one embedded Felix with the runtime's bundles. A load generator on loopback
 * ({@code java.net.http}, {@code --clients} threads, each sending one request after the other)
 * drives each arm for {@code --seconds} per round; rounds come in pairs, which arm goes first
 * alternating, and the ratios are of paired rounds. An A/A control pairs {@code /direct/hello} with
 * {@code /direct2/hello}, the same servlet twice: what the method reads when there is nothing to find.
 *
 * <pre>java -cp benchmarks/target/tessera-benchmarks.jar io.tessera.bench.WebRoutes [--pairs=12] [--seconds=2] [--clients=8]</pre>
 *
 * Targets: throughput at least 0.95x, p99 at most 1.1x.
 */
public final class WebRoutes {

    /** By name: loading it here would need the web API, which only the framework has. */
    private static final String APP_CLASS = "io.tessera.bench.fixture.BenchWebApp";

    private WebRoutes() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        Path bundles = Path.of(opts.getOrDefault("runtime", "runtime/target")).resolve("bundles");
        int pairs = Integer.parseInt(opts.getOrDefault("pairs", "12"));
        long seconds = Long.parseLong(opts.getOrDefault("seconds", "2"));
        int clients = Integer.parseInt(opts.getOrDefault("clients", "8"));
        Path scratch = Files.createTempDirectory(Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : "/tmp"),
                "tessera-bench-web-");
        Files.createDirectories(scratch.resolve("deploy"));
        int port = freePort();
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, scratch.resolve("felix").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("felix.log.level", "1");
        props.put("tessera.deploy", scratch.resolve("deploy").toString());
        props.put("org.apache.felix.http.host", "127.0.0.1");
        props.put("org.osgi.service.http.port", String.valueOf(port));
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
        framework.start();
        try {
            install(framework.getBundleContext(), bundles, scratch.resolve("bench-web.jar"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + port;
            for (String path : List.of("/bench_web/hello", "/direct/hello", "/direct2/hello")) {
                awaitOk(http, URI.create(base + path));
            }
            System.out.printf("web routes: %d pairs of %d s rounds, %d clients, port %d%n", pairs, seconds, clients, port);
            for (int i = 0; i < 3; i++) { // warm-up of every arm: the first rounds run before the JIT is done
                round(http, URI.create(base + "/bench_web/hello"), clients, seconds);
                round(http, URI.create(base + "/direct/hello"), clients, seconds);
                round(http, URI.create(base + "/direct2/hello"), clients, seconds);
            }
            compare("Tessera route vs direct servlet", http, base + "/bench_web/hello", base + "/direct/hello", pairs,
                    clients, seconds);
            compare("A/A control (direct vs direct)", http, base + "/direct2/hello", base + "/direct/hello", pairs,
                    clients, seconds);
        } finally {
            framework.stop();
            framework.waitForStop(60_000);
            Embedded.deleteTree(scratch);
        }
    }

    /** One arm's round: requests per second and the 99th percentile latency in ms. */
    record Round(double perSecond, double p99Millis) {
    }

    private static void compare(String name, HttpClient http, String tessera, String direct, int pairs, int clients,
            long seconds) throws Exception {
        List<Double> tRate = new ArrayList<>();
        List<Double> dRate = new ArrayList<>();
        List<Double> tP99 = new ArrayList<>();
        List<Double> dP99 = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Round t;
            Round d;
            if (i % 2 == 0) {
                t = round(http, URI.create(tessera), clients, seconds);
                d = round(http, URI.create(direct), clients, seconds);
            } else {
                d = round(http, URI.create(direct), clients, seconds);
                t = round(http, URI.create(tessera), clients, seconds);
            }
            tRate.add(t.perSecond());
            dRate.add(d.perSecond());
            tP99.add(t.p99Millis());
            dP99.add(d.p99Millis());
            System.out.printf("  %s pair %d: %.0f vs %.0f req/s, p99 %.2f vs %.2f ms%n", name, i + 1, t.perSecond(),
                    d.perSecond(), t.p99Millis(), d.p99Millis());
        }
        System.out.printf("%s: throughput %s; p99 %s%n", name, RatioInterval.describe(tRate, dRate),
                RatioInterval.describe(tP99, dP99));
        System.out.printf("  medians: %.0f vs %.0f req/s, p99 %.2f vs %.2f ms%n", new Stats(tRate).median(),
                new Stats(dRate).median(), new Stats(tP99).median(), new Stats(dP99).median());
    }

    private static Round round(HttpClient http, URI uri, int clients, long seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int me = c;
            new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long t1 = System.nanoTime();
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(uri + " answered " + r.statusCode());
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = t1 - t0;
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    latencies[me] = Arrays.copyOf(mine, n);
                    counts[me] = n;
                    done.countDown();
                }
            }, "load-" + c).start();
        }
        done.await();
        long[] all = Stream.of(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            throw new IllegalStateException(uri + " answered nothing");
        }
        double p99 = all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e6;
        return new Round(all.length / (double) seconds, p99);
    }

    private static void install(BundleContext system, Path bundles, Path benchJar) throws Exception {
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(bundles)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String name = jar.getFileName().toString();
                if (!name.contains("jline")) { // no shell
                    installed.add(system.installBundle(jar.toUri().toString()));
                }
            }
        }
        installed.add(system.installBundle(writeBenchJar(benchJar).toUri().toString()));
        installed.sort((a, b) -> Integer.compare(rank(a), rank(b))); // as the launcher: extenders, providers, the rest
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
    }

    private static int rank(Bundle b) {
        String provides = String.valueOf(b.getHeaders("").get(Constants.PROVIDE_CAPABILITY));
        String requires = String.valueOf(b.getHeaders("").get(Constants.REQUIRE_CAPABILITY));
        return provides.contains("osgi.extender") ? 0
                : provides.contains("osgi.serviceloader") && !requires.contains("osgi.serviceloader.processor") ? 1 : 2;
    }

    private static Path writeBenchJar(Path jar) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "bench.web");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", APP_CLASS);
        a.putValue("Import-Package", "io.tessera.core,io.tessera.web,jakarta.servlet,jakarta.servlet.http,org.osgi.framework");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, m)) {
            for (String name : List.of(APP_CLASS, APP_CLASS + "$1")) {
                jos.putNextEntry(new JarEntry(name.replace('.', '/') + ".class"));
                jos.write(BundleJars.classBytes(name));
                jos.closeEntry();
            }
        }
        return jar;
    }

    private static void awaitOk(HttpClient http, URI uri) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Jetty not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(uri + " did not answer 200 within 60 s");
            }
            Thread.sleep(50); // polling interval of a bounded wait
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
