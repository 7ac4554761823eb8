package io.tessera.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figure 2: install+start then stop+uninstall of N generated app bundles in one embedded Felix,
 * with the Tessera registry versus bare Felix (tessera-core only), alternating, each run in a
 * fresh JVM ({@link ChurnRun}), framework storage on tmpfs.
 */
final class Churn {

    /** Bundles in each untimed warm-up cycle, whatever N is: the JIT needs the same warm-up. */
    static final int WARMUP = 1_000;
    /**
     * Untimed warm-up cycles of {@link #WARMUP} bundles before the timed ones, the same for both
     * modes. Code that runs once per app (most of the registry, much of Felix) reaches the C2
     * compiler's thresholds only after 5,000 to 10,000 apps: with five cycles the registry's main
     * methods were still being compiled (and running as slower profiled code) during the timed
     * cycles. Every app bundle brings new classes, so the JIT never settles completely.
     */
    static final int WARMUP_CYCLES_FULL = 10;
    static final int WARMUP_CYCLES_QUICK = 3;

    /**
     * Timed cycles of N in each run; the one with the median total is the run's figure. Within
     * one JVM, consecutive cycles of the same work differ by up to 1.5x on this machine (the JIT
     * and the GC get the other core at different moments), so one cycle per run says little.
     */
    static int timedCycles(boolean quick, int n) {
        return quick || n > 1000 ? 3 : 5;
    }

    private static final String[] PARTS = {"install", "start", "activate", "settle_up", "stop", "uninstall", "settle_down",
        "cpu"};

    private Churn() {
    }

    /**
     * Every churn size with apps of two declared models; then the size closest to 1,000 again,
     * with the models listed in {@code models()} (loaded as each app arrives: the design before
     * {@code @AppModel}), and with apps without models (the registry's own share).
     */
    static List<Benchmarks.Row> run(Benchmarks.Settings s, List<String> notes) throws Exception {
        int max = 0;
        int modelless = s.churnN()[0];
        for (int n : s.churnN()) {
            max = Math.max(max, n);
            modelless = Math.abs(n - 1000) < Math.abs(modelless - 1000) ? n : modelless;
        }
        Path jars = generate(s, Math.max(max, WARMUP), BundleJars.Models.DECLARED);
        List<Benchmarks.Row> rows = new ArrayList<>();
        for (int n : s.churnN()) {
            rows.add(size(s, notes, n, jars, ""));
        }
        rows.add(size(s, notes, modelless, generate(s, Math.max(modelless, WARMUP), BundleJars.Models.LISTED),
                ", models listed in models()"));
        rows.add(size(s, notes, modelless, generate(s, Math.max(modelless, WARMUP), BundleJars.Models.NONE),
                ", apps without models"));
        return rows;
    }

    /** One churn size: alternating pairs of runs, a row, and a note with the parts. */
    private static Benchmarks.Row size(Benchmarks.Settings s, List<String> notes, int n, Path jars, String variant)
            throws Exception {
        int pairs = s.quick() ? (n <= 100 ? 3 : 2) : (n <= 1000 ? 5 : 3);
        List<Double> tessera = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Double> pairRatios = new ArrayList<>();
        Map<String, List<Double>> tParts = new LinkedHashMap<>();
        Map<String, List<Double>> bParts = new LinkedHashMap<>();
        for (int p = 0; p < pairs; p++) {
            // alternate which goes first, so that neither always runs right after the other
            boolean tesseraFirst = p % 2 == 0;
            Map<String, Double> first = once(s, tesseraFirst, n, jars);
            Map<String, Double> second = once(s, !tesseraFirst, n, jars);
            Map<String, Double> t = tesseraFirst ? first : second;
            Map<String, Double> b = tesseraFirst ? second : first;
            double tt = t.get("up") + t.get("down");
            double bt = b.get("up") + b.get("down");
            tessera.add(tt);
            bare.add(bt);
            pairRatios.add(tt / bt);
            for (String part : PARTS) {
                tParts.computeIfAbsent(part, k -> new ArrayList<>()).add(t.get(part));
                bParts.computeIfAbsent(part, k -> new ArrayList<>()).add(b.get(part));
            }
            s.log(String.format(Locale.ROOT, "churn N=%d pair %d: tessera %.0f ms (up %.0f, down %.0f; CPU %.0f),"
                    + " bare %.0f ms (up %.0f, down %.0f; CPU %.0f)", n, p + 1, tt, t.get("up"), t.get("down"),
                    t.get("cpu"), bt, b.get("up"), b.get("down"), b.get("cpu")));
        }
        Stats ts = new Stats(tessera);
        Stats bs = new Stats(bare);
        boolean met = ts.median() <= 1.10 * bs.median();
        Benchmarks.Row row = new Benchmarks.Row("2", "churn N=" + n + variant + " total ms", ts,
                "bare Felix + tessera-core", bs, variant.isEmpty() ? "<= 1.10x" : "(diagnostic)",
                variant.isEmpty() ? (met ? "yes" : "NO") : "-");
        StringBuilder parts = new StringBuilder();
        for (String part : PARTS) {
            double tm = new Stats(tParts.get(part)).median();
            double bm = new Stats(bParts.get(part)).median();
            parts.append(String.format(Locale.ROOT, "%s %s vs %s ms (%+.0f us/app); ", part.replace('_', ' '),
                    Stats.format(tm), Stats.format(bm), (tm - bm) * 1000 / n));
        }
        notes.add(String.format(Locale.ROOT,
                "Churn N=%d%s, medians, Tessera vs bare: per app %.0f vs %.0f us; median of per-pair ratios %.2fx; %s"
                        + "(activate = STARTING to STARTED per app, where the registry reads the app and runs"
                        + " ready(); cpu = process CPU time, JIT and GC included)",
                n, variant, ts.median() * 1000 / n, bs.median() * 1000 / n, new Stats(pairRatios).median(), parts));
        return row;
    }

    /** The app jars bench-app-00000.jar... on tmpfs, written once for all runs. */
    static Path generate(Benchmarks.Settings s, int n, BundleJars.Models models) throws Exception {
        Path jars = s.scratch().resolve("app-jars-" + models.name().toLowerCase(Locale.ROOT));
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Path jar = ChurnRun.appJar(jars, i);
            if (!Files.exists(jar)) {
                BundleJars.app(jar, String.format("bench.app.%05d", i), String.format("bench_%05d", i), models);
            }
        }
        s.log("app bundles 0.." + (n - 1) + " ready (" + (System.nanoTime() - t0) / 1_000_000 + " ms) in " + jars);
        return jars;
    }

    /** One run in a fresh JVM: up, down and their parts, in ms. */
    private static Map<String, Double> once(Benchmarks.Settings s, boolean tessera, int n, Path jars) throws Exception {
        Path storage = s.scratch().resolve("felix-churn-" + (tessera ? "tessera" : "bare"));
        Embedded.deleteTree(storage);
        List<String> cmd = List.of(Child.java().toString(), "-cp", System.getProperty("java.class.path"),
                ChurnRun.class.getName(), tessera ? "tessera" : "bare", String.valueOf(n), jars.toString(),
                storage.toString(), s.bundles().toString(), String.valueOf(WARMUP),
                String.valueOf(s.quick() ? WARMUP_CYCLES_QUICK : WARMUP_CYCLES_FULL),
                String.valueOf(timedCycles(s.quick(), n)));
        try (Child child = Child.start(cmd, s.out().resolve("churn-children.log"))) {
            Child.Line line = child.await(l -> l.startsWith("RESULT "), 30 * 60_000);
            child.waitFor(120_000);
            Map<String, Double> values = new LinkedHashMap<>();
            for (String key : List.of("up", "down", "install", "start", "activate", "settle_up", "stop", "uninstall",
                    "settle_down", "cpu")) {
                values.put(key, Double.parseDouble(value(line.text(), key + "_ns")) / 1e6);
            }
            return values;
        } finally {
            Embedded.deleteTree(storage);
        }
    }

    static String value(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        throw new IllegalStateException("no " + key + " in " + line);
    }
}
