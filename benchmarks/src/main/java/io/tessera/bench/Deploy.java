package io.tessera.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Figure 3: the real launcher as a child process, with two deploy folders: Tessera's own
 * ({@code tessera.deploy}, watched by the registry) and, as the baseline in the same run and the
 * same framework, a folder watched by FileInstall 3.7.4 at a 100 ms poll, which the benchmark adds
 * to the runtime's bundles itself (the runtime no longer ships it). A probe bundle
 * ({@link io.tessera.bench.probe.Probe}) stamps the registry's READY and REMOVED events of each
 * app with the wall clock. Each sample moves a freshly generated app jar into one folder (an
 * atomic rename, so neither watcher sees half a jar) and later deletes it, then does the same in
 * the other folder; which folder goes first alternates. The latency is the probe's stamp minus the
 * stamp taken just before the move or delete.
 */
final class Deploy {

    /** FileInstall's jar, copied into the benchmark jar by the build (see benchmarks/pom.xml). */
    private static final String FILEINSTALL_RESOURCE = "baseline/org.apache.felix.fileinstall.jar";

    private Deploy() {
    }

    /** The latencies of one watcher, in ms. */
    private record Samples(List<Double> ready, List<Double> removed) {
        Samples() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    static List<Benchmarks.Row> run(Benchmarks.Settings s, List<String> notes) throws Exception {
        int samples = s.quick() ? 8 : 20;
        Path work = s.scratch().resolve("deploy");
        Path tesseraFolder = Files.createDirectories(work.resolve("deploy"));
        Path fileInstallFolder = Files.createDirectories(work.resolve("fileinstall"));
        Path staging = Files.createDirectories(work.resolve("staging"));
        Path bundles = bundlesWithFileInstall(s, work.resolve("bundles"));
        Path probeFile = work.resolve("probe.log");
        Files.deleteIfExists(probeFile);
        List<String> cmd = List.of(Child.java().toString(), "-Dtessera.shell=false", "-Dtessera.deploy=" + tesseraFolder,
                "-Dtessera.bundles=" + bundles, "-Dtessera.home=" + work.resolve("home"),
                // FileInstall reads its settings through the framework, which falls back to system properties
                "-Dfelix.fileinstall.dir=" + fileInstallFolder, "-Dfelix.fileinstall.poll=100",
                "-Dfelix.fileinstall.noInitialDelay=true", "-Dfelix.fileinstall.log.level=2",
                "-jar", s.launcher().toString());
        Random random = new Random(42);
        Samples tessera = new Samples();
        Samples fileInstall = new Samples();
        try (Child runtime = Child.start(cmd, s.out().resolve("deploy-runtime.log"))) {
            String line = runtime.await(l -> l.startsWith("Tessera started"), 60_000).text();
            s.log("runtime: " + line);
            move(BundleJars.probe(staging.resolve("bench-probe.jar"), probeFile), tesseraFolder);
            awaitStamp(probeFile, "PROBE", "started", 30_000);
            for (int i = 0; i < samples; i++) {
                boolean tesseraFirst = i % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    boolean isTessera = tesseraFirst == (k == 0);
                    sample(isTessera ? tessera : fileInstall, isTessera ? tesseraFolder : fileInstallFolder,
                            staging, probeFile, (isTessera ? "t" : "f") + String.format("%03d", i), random);
                }
                s.log(String.format(Locale.ROOT, "deploy sample %d: Tessera READY %.1f ms, REMOVED %.1f ms;"
                        + " FileInstall READY %.1f ms, REMOVED %.1f ms", i, last(tessera.ready()), last(tessera.removed()),
                        last(fileInstall.ready()), last(fileInstall.removed())));
            }
        } finally {
            Embedded.deleteTree(work);
        }
        Stats ready = new Stats(tessera.ready());
        Stats removed = new Stats(tessera.removed());
        List<Benchmarks.Row> rows = new ArrayList<>();
        rows.add(new Benchmarks.Row("3", "deploy: jar moved in -> app READY ms (Tessera's watcher)", ready,
                "FileInstall, 100 ms poll", new Stats(fileInstall.ready()), "median <= 100 ms",
                ready.median() <= 100 ? "yes" : "NO"));
        rows.add(new Benchmarks.Row("3", "deploy: jar deleted -> app REMOVED ms (Tessera's watcher)", removed,
                "FileInstall, 100 ms poll", new Stats(fileInstall.removed()), "median <= 100 ms",
                removed.median() <= 100 ? "yes" : "NO"));
        notes.add("Deploy: both watchers in one runtime, samples alternating between their folders. Tessera reads a jar"
                + " on its inotify event once it is a complete zip last written at least 25 ms before (a jar moved in"
                + " keeps its time, so at once; a jar being copied waits until it has been unchanged for 25 ms);"
                + " FileInstall installs a jar once its checksum is the same in two polls 100 ms apart.");
        return rows;
    }

    /** Moves a new app jar into {@code folder}, waits for READY, deletes it, waits for REMOVED. */
    private static void sample(Samples into, Path folder, Path staging, Path probeFile, String id, Random random)
            throws Exception {
        String bsn = "bench.deploy." + id;
        String label = "bench_deploy_" + id;
        Path jar = BundleJars.app(staging.resolve(bsn + ".jar"), bsn, label);
        Thread.sleep(100 + random.nextInt(200)); // no lock-step with FileInstall's 100 ms poll or the rescan
        long t0 = micros();
        Path deployed = move(jar, folder);
        long tReady = awaitStamp(probeFile, "READY", label, 30_000);
        Thread.sleep(100 + random.nextInt(200));
        long t1 = micros();
        Files.delete(deployed);
        long tRemoved = awaitStamp(probeFile, "REMOVED", label, 30_000);
        into.ready().add((tReady - t0) / 1000.0);
        into.removed().add((tRemoved - t1) / 1000.0);
    }

    /** A copy of the runtime's bundles plus FileInstall's jar, for the baseline. */
    private static Path bundlesWithFileInstall(Benchmarks.Settings s, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var jars = Files.list(s.bundles())) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                Files.copy(jar, dir.resolve(jar.getFileName()));
            }
        }
        try (InputStream in = Deploy.class.getClassLoader().getResourceAsStream(FILEINSTALL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(FILEINSTALL_RESOURCE + " is not in the benchmark jar: rebuild it");
            }
            Files.copy(in, dir.resolve("org.apache.felix.fileinstall.jar"));
        }
        return dir;
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private static Path move(Path jar, Path dir) throws IOException {
        return Files.move(jar, dir.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** The stamp of the probe's line {@code type name stamp}, waiting for it. */
    private static long awaitStamp(Path file, String type, String name, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        String prefix = type + " " + name + " ";
        while (true) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith(prefix)) {
                        return Long.parseLong(line.substring(prefix.length()).trim());
                    }
                    if (line.startsWith("FAILED " + name + " ")) {
                        throw new IllegalStateException("app " + name + " FAILED in the runtime; see the runtime log");
                    }
                }
            } catch (NoSuchFileException notYet) {
                // the probe has not written yet
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no '" + prefix + "' from the probe within " + timeoutMillis + " ms");
            }
            Thread.sleep(2);
        }
    }
}
