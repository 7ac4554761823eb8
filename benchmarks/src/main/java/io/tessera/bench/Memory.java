package io.tessera.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figure 5: retained heap per READY app: heap after GC with N app bundles tracked by the
 * registry, minus heap after GC with the same bundles and no registry, over N. Each run in a
 * fresh JVM ({@link MemoryRun}) with the serial collector, whose heap-after-GC is exact.
 */
final class Memory {

    private Memory() {
    }

    static final int N = 1_000;

    static List<Benchmarks.Row> run(Benchmarks.Settings s, List<String> notes) throws Exception {
        Path jars = Churn.generate(s, N, BundleJars.Models.DECLARED);
        int pairs = s.quick() ? 1 : 3;
        List<Double> perApp = new ArrayList<>();
        List<Double> marginal = new ArrayList<>();
        List<Double> bundlePerApp = new ArrayList<>();
        List<Double> fixed = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            boolean tesseraFirst = p % 2 == 0;
            long[] first = once(s, tesseraFirst, jars);
            long[] second = once(s, !tesseraFirst, jars);
            long[] t = tesseraFirst ? first : second;
            long[] b = tesseraFirst ? second : first;
            perApp.add((double) (t[1] - b[1]) / N);
            marginal.add((double) ((t[1] - t[0]) - (b[1] - b[0])) / N);
            bundlePerApp.add((double) (b[1] - b[0]) / N);
            fixed.add((double) (t[0] - b[0]));
            s.log(String.format(Locale.ROOT, "memory pair %d: tessera base %d loaded %d; bare base %d loaded %d bytes",
                    p + 1, t[0], t[1], b[0], b[1]));
        }
        Stats v = new Stats(perApp);
        Stats bundle = new Stats(bundlePerApp);
        List<Benchmarks.Row> rows = new ArrayList<>();
        rows.add(new Benchmarks.Row("5", "heap per READY app, N=" + N + " (bytes)", v,
                "the app's bundle alone, per app", bundle, "<= 4096 B", v.median() <= 4096 ? "yes" : "NO"));
        notes.add(String.format(Locale.ROOT,
                "Memory: of the %s B per app, the registry's fixed cost (registry bundle started, no apps: %s B in all)"
                        + " is %s B/app; the marginal cost per app is %s B (min %s, max %s).",
                Stats.format(v.median()), Stats.format(new Stats(fixed).median()),
                Stats.format(new Stats(fixed).median() / N), Stats.format(new Stats(marginal).median()),
                Stats.format(new Stats(marginal).min()), Stats.format(new Stats(marginal).max())));
        return rows;
    }

    /** {base, loaded} heap bytes after GC. */
    private static long[] once(Benchmarks.Settings s, boolean tessera, Path jars) throws Exception {
        Path storage = s.scratch().resolve("felix-memory-" + (tessera ? "tessera" : "bare"));
        Embedded.deleteTree(storage);
        List<String> cmd = List.of(Child.java().toString(), "-XX:+UseSerialGC", "-Xms1g", "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), MemoryRun.class.getName(), tessera ? "tessera" : "bare",
                String.valueOf(N), jars.toString(), storage.toString(), s.bundles().toString());
        try (Child child = Child.start(cmd, s.out().resolve("memory-children.log"))) {
            Child.Line line = child.await(l -> l.startsWith("RESULT "), 10 * 60_000);
            child.waitFor(120_000);
            return new long[] {Long.parseLong(Churn.value(line.text(), "base")),
                    Long.parseLong(Churn.value(line.text(), "loaded"))};
        } finally {
            Embedded.deleteTree(storage);
        }
    }
}
