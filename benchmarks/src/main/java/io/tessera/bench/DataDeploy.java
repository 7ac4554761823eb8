package io.tessera.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figure 8: an app with two persisted models ({@code Post} and {@code Comment}) dropped into the
 * deploy folder of the real launcher (a child process, the data layer on its default embedded H2
 * in the home's {@code data/db}) until the probe sees it READY. Two arms, alternating: a new label
 * each time, so its two tables are created on arrival; and the same label again, so its tables are
 * there and only checked against the models. The probe bundle ({@link io.tessera.bench.probe.Probe})
 * stamps READY and REMOVED; the latency is its stamp minus the stamp taken just before the move.
 */
final class DataDeploy {

    private DataDeploy() {
    }

    static List<Benchmarks.Row> run(Benchmarks.Settings s, List<String> notes) throws Exception {
        int samples = s.quick() ? 8 : 20;
        Path work = s.scratch().resolve("data-deploy");
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        Path staging = Files.createDirectories(work.resolve("staging"));
        Path probeFile = work.resolve("probe.log");
        Files.deleteIfExists(probeFile);
        List<String> cmd = List.of(Child.java().toString(), "-Dtessera.shell=false", "-Dtessera.deploy=" + deploy,
                "-Dtessera.bundles=" + s.bundles(), "-Dtessera.home=" + work.resolve("home"), "-jar",
                s.launcher().toString());
        List<Double> created = new ArrayList<>();
        List<Double> there = new ArrayList<>();
        try (Child runtime = Child.start(cmd, s.out().resolve("data-deploy-runtime.log"))) {
            s.log("runtime: " + runtime.await(l -> l.startsWith("Tessera started"), 60_000).text());
            Deploy.move(BundleJars.probe(staging.resolve("bench-probe.jar"), probeFile), deploy);
            Deploy.awaitStamp(probeFile, "PROBE", "started", 30_000);
            once(deploy, staging, probeFile, "bench.data.again", "bench_data_again", "w"); // its tables, once
            for (int i = 0; i < samples; i++) {
                String n = String.format(Locale.ROOT, "%03d", i);
                boolean newFirst = i % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    if (newFirst == (k == 0)) {
                        created.add(once(deploy, staging, probeFile, "bench.data.n" + n, "bench_data_n" + n, n));
                    } else {
                        there.add(once(deploy, staging, probeFile, "bench.data.again", "bench_data_again", n));
                    }
                }
                s.log(String.format(Locale.ROOT, "data deploy sample %d: tables created %.1f ms, tables there %.1f ms",
                        i, created.get(i), there.get(i)));
            }
        } finally {
            Embedded.deleteTree(work);
        }
        Stats c = new Stats(created);
        Stats t = new Stats(there);
        List<Benchmarks.Row> rows = new ArrayList<>();
        rows.add(new Benchmarks.Row("8", "data: app with 2 models moved in -> READY ms, tables created on arrival (H2)", c,
                null, null, "median <= 250 ms", c.median() <= 250 ? "yes" : "NO"));
        rows.add(new Benchmarks.Row("8", "data: app with 2 models moved in -> READY ms, tables there (H2)", t, null, null,
                "median <= 150 ms", t.median() <= 150 ? "yes" : "NO"));
        notes.add("Data deploy: the launcher with its data layer on the default embedded H2; a new label each sample"
                + " (two CREATE TABLEs and the schema record) alternating with one label deployed again (its tables"
                + " checked against the models); each jar deleted again until REMOVED before the next.");
        return rows;
    }

    /** Moves a new jar of app {@code label} in, waits for READY, deletes it, waits for REMOVED; the READY latency in ms. */
    private static double once(Path deploy, Path staging, Path probeFile, String bsn, String label, String id)
            throws Exception {
        Path jar = BundleJars.app(staging.resolve(bsn + "-" + id + ".jar"), bsn, label);
        Thread.sleep(150); // the previous removal's events are over
        int before = count(probeFile, "READY " + label + " ");
        long t0 = Deploy.micros();
        Path deployed = Deploy.move(jar, deploy);
        long tReady = awaitNth(probeFile, "READY " + label + " ", before + 1);
        int removedBefore = count(probeFile, "REMOVED " + label + " ");
        Files.delete(deployed);
        awaitNth(probeFile, "REMOVED " + label + " ", removedBefore + 1);
        return (tReady - t0) / 1000.0;
    }

    private static int count(Path file, String prefix) throws Exception {
        return (int) Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).count();
    }

    /** The stamp of the {@code n}th line starting with {@code prefix}, waiting up to 30 s for it. */
    private static long awaitNth(Path file, String prefix, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            List<String> all = Files.readAllLines(file);
            String label = prefix.substring(prefix.indexOf(' ') + 1);
            if (all.stream().anyMatch(l -> l.startsWith("FAILED " + label))) {
                throw new IllegalStateException("app " + label.strip() + " FAILED in the runtime; see the runtime log");
            }
            List<String> lines = all.stream().filter(l -> l.startsWith(prefix)).toList();
            if (lines.size() >= n) {
                return Long.parseLong(lines.get(n - 1).substring(prefix.length()).trim());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no line " + n + " '" + prefix + "' from the probe within 30 s");
            }
            Thread.sleep(2);
        }
    }
}
