package io.tessera.bench;

import java.io.IOException;
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
 * Figure 3: the real launcher as a child process, watching a deploy folder with FileInstall. A
 * probe bundle ({@link io.tessera.bench.probe.Probe}) is deployed first; it stamps the registry's
 * READY and REMOVED events of each app, and the bundle's STARTED and UNINSTALLED events (the
 * FileInstall baseline), with the wall clock. Each sample moves a freshly generated app jar into
 * the folder (an atomic rename, so FileInstall never sees half a jar) and later deletes it; the
 * latency is the probe's stamp minus the stamp taken just before the move or delete.
 */
final class Deploy {

    private Deploy() {
    }

    static List<Benchmarks.Row> run(Benchmarks.Settings s, List<String> notes) throws Exception {
        int samples = s.quick() ? 8 : 20;
        Path work = s.scratch().resolve("deploy");
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        Path staging = Files.createDirectories(work.resolve("staging"));
        Path storage = work.resolve("felix");
        Path probeFile = work.resolve("probe.log");
        Files.deleteIfExists(probeFile);
        List<String> cmd = List.of(Child.java().toString(), "-Dtessera.shell=false", "-Dtessera.deploy=" + deploy,
                "-Dtessera.storage=" + storage, "-jar", s.launcher().toString());
        Random random = new Random(42);
        List<Double> ready = new ArrayList<>();
        List<Double> started = new ArrayList<>();
        List<Double> removed = new ArrayList<>();
        List<Double> uninstalled = new ArrayList<>();
        try (Child runtime = Child.start(cmd, s.out().resolve("deploy-runtime.log"))) {
            String line = runtime.await(l -> l.startsWith("Tessera started"), 60_000).text();
            s.log("runtime: " + line);
            move(BundleJars.probe(staging.resolve("bench-probe.jar"), probeFile), deploy);
            awaitStamp(probeFile, "PROBE", "started", 30_000);
            for (int i = 0; i < samples; i++) {
                String bsn = String.format("bench.deploy.%03d", i);
                String label = String.format("bench_deploy_%03d", i);
                Path jar = BundleJars.app(staging.resolve(bsn + ".jar"), bsn, label);
                Thread.sleep(100 + random.nextInt(200)); // no lock-step with FileInstall's 100 ms poll
                long t0 = micros();
                Path deployed = move(jar, deploy);
                long tReady = awaitStamp(probeFile, "READY", label, 30_000);
                long tStarted = awaitStamp(probeFile, "STARTED", bsn, 30_000);
                Thread.sleep(100 + random.nextInt(200));
                long t1 = micros();
                Files.delete(deployed);
                long tRemoved = awaitStamp(probeFile, "REMOVED", label, 30_000);
                long tUninstalled = awaitStamp(probeFile, "UNINSTALLED", bsn, 30_000);
                ready.add((tReady - t0) / 1000.0);
                started.add((tStarted - t0) / 1000.0);
                removed.add((tRemoved - t1) / 1000.0);
                uninstalled.add((tUninstalled - t1) / 1000.0);
            }
        } finally {
            Embedded.deleteTree(work);
        }
        Stats r = new Stats(ready);
        Stats g = new Stats(removed);
        List<Benchmarks.Row> rows = new ArrayList<>();
        rows.add(new Benchmarks.Row("3", "deploy: jar moved in -> app READY ms", r, "-> bundle STARTED (FileInstall)",
                new Stats(started), "median <= 200 ms", r.median() <= 200 ? "yes" : "NO"));
        rows.add(new Benchmarks.Row("3", "deploy: jar deleted -> app REMOVED ms", g, "-> bundle UNINSTALLED (FileInstall)",
                new Stats(uninstalled), "median <= 200 ms", g.median() <= 200 ? "yes" : "NO"));
        List<Double> readyAfterStart = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            readyAfterStart.add(ready.get(i) - started.get(i));
        }
        notes.add(String.format(Locale.ROOT, "Deploy: the app's READY is stamped %s ms (median) after the bundle's STARTED"
                + " event (negative: before it; the registry has the app READY by the time the bundle's start() returns);"
                + " the rest of the latency is FileInstall (100 ms poll) and Felix.",
                Stats.format(new Stats(readyAfterStart).median())));
        return rows;
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
