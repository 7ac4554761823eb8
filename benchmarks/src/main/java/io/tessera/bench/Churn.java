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
 * with the Tessera registry versus bare Felix (tessera-core only), alternating: cycle by cycle in
 * one JVM ({@link ChurnAlternating}), and, for comparison, run by run in fresh JVMs
 * ({@link ChurnRun}). Framework storage on tmpfs.
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

    /** Then, for N above {@link #WARMUP}, untimed cycles of N itself. */
    static int sizedWarmupCycles(boolean quick) {
        return quick ? 1 : 2;
    }

    /**
     * Timed cycles of N in each separate-JVM run; the one with the median total is the run's figure. Within
     * one JVM, consecutive cycles of the same work differ by up to 1.5x on this machine (the JIT
     * and the GC get the other core at different moments), so one cycle per run says little.
     */
    static int timedCycles(boolean quick, int n) {
        return quick || n > 1000 ? 3 : 5;
    }

    /**
     * Timed pairs in each JVM of {@link #alternating}. A cycle of 100 apps takes about 0.1 s, and a
     * single pair's ratio then ranges from 0.75x to 1.66x on this machine (three runs of seven pairs in
     * three JVMs): the median of 21 such ratios is uncertain by about 5%, as much as the margin to the
     * target, so small N gets many more pairs, which cost little. An A/A control (both cycles of a
     * pair without the registry, 60 pairs at N=100) still gave 1.05x. At N=5000 single pairs ranged
     * from 0.72x to 1.55x in one run of twelve, and the median of eighteen per-pair ratios moved by
     * 0.06 between two runs of the same code; a pair costs about 35 s there, so thirty pairs take
     * about 18 minutes. At N=1000, 21 pairs left the ratio of medians between 0.93x and 1.25x (95%
     * interval) and the paired one between 1.04x and 1.15x; a pair costs about 4 s there.
     */
    static int pairsPerJvm(boolean quick, int n) {
        if (n <= 100) {
            return quick ? 15 : 40;
        }
        return quick ? 5 : (n <= 1000 ? 15 : 10);
    }

    /**
     * The heap of every churn JVM, the same in both modes: fixed, young generation included. With
     * the JVM's default sizing (a quarter of this machine's memory at most, starting at 1/64), G1
     * resizes the young generation as the run goes, so how often it collects, and in which phase,
     * differs from run to run (a run at N=1000 with the default sizing gave 1.12x where the
     * fixed heap gave 1.22x, on the same build: the sizing moves the figure as much as the noise).
     */
    static final List<String> FIXED_HEAP = List.of("-Xms2g", "-Xmx2g", "-Xmn768m", "-XX:+AlwaysPreTouch");

    private Churn() {
    }

    /**
     * Every churn size with apps of two declared models, the registry started and stopped in one
     * JVM ({@link ChurnAlternating}); the smallest size again with no registry in either cycle of a
     * pair, the noise of the method; then the size closest to 1,000 again: in separate JVMs
     * ({@link ChurnRun}), as before; with the models listed in {@code models()} (loaded as each app
     * arrives: the design before {@code @AppModel}); and with apps without models (the registry's
     * own share).
     */
    static List<Benchmarks.Row> run(Benchmarks.Settings s, List<String> notes) throws Exception {
        int max = 0;
        int min = Integer.MAX_VALUE;
        int near1000 = s.churnN()[0];
        for (int n : s.churnN()) {
            max = Math.max(max, n);
            min = Math.min(min, n);
            near1000 = Math.abs(n - 1000) < Math.abs(near1000 - 1000) ? n : near1000;
        }
        Path jars = generate(s, Math.max(max, WARMUP), BundleJars.Models.DECLARED);
        List<Benchmarks.Row> rows = new ArrayList<>();
        for (int n : s.churnN()) {
            rows.add(alternating(s, notes, n, jars, "", false));
        }
        rows.add(alternating(s, notes, min, jars, ", A/A control (no registry in either cycle)", true));
        rows.add(separateJvms(s, notes, near1000, jars, ", separate JVMs"));
        rows.add(alternating(s, notes, near1000, generate(s, Math.max(near1000, WARMUP), BundleJars.Models.LISTED),
                ", models listed in models()", false));
        rows.add(alternating(s, notes, near1000, generate(s, Math.max(near1000, WARMUP), BundleJars.Models.NONE),
                ", apps without models", false));
        return rows;
    }

    /** One size, alternating in one JVM: a few JVMs of several pairs each. */
    private static Benchmarks.Row alternating(Benchmarks.Settings s, List<String> notes, int n, Path jars,
            String variant, boolean control) throws Exception {
        int jvms = s.quick() ? 1 : 3;
        int pairsPerJvm = pairsPerJvm(s.quick(), n);
        ChurnPairs pairs = new ChurnPairs(n);
        for (int j = 0; j < jvms; j++) {
            Path storage = s.scratch().resolve("felix-churn-alternating");
            Embedded.deleteTree(storage);
            List<String> cmd = new ArrayList<>(List.of(Child.java().toString()));
            cmd.addAll(FIXED_HEAP);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ChurnAlternating.class.getName(),
                    String.valueOf(n), jars.toString(), storage.toString(), s.bundles().toString(),
                    String.valueOf(WARMUP), String.valueOf(2 * (s.quick() ? WARMUP_CYCLES_QUICK : WARMUP_CYCLES_FULL)),
                    String.valueOf(2 * sizedWarmupCycles(s.quick())), String.valueOf(pairsPerJvm)));
            if (control) {
                cmd.add("control");
            }
            try (Child child = Child.start(cmd, s.out().resolve("churn-children.log"))) {
                if (child.waitFor(60 * 60_000) != 0) {
                    throw new IllegalStateException("churn run failed (see churn-children.log): " + child.output());
                }
                Map<Integer, Map<String, Double>> t = new LinkedHashMap<>();
                Map<Integer, Map<String, Double>> b = new LinkedHashMap<>();
                Map<String, String> threads = new LinkedHashMap<>();
                for (String line : child.output()) {
                    String[] words = line.split(" ", 4);
                    if (words[0].equals("PAIR")) {
                        (words[2].equals("tessera") ? t : b).put(Integer.parseInt(words[1]), ChurnPairs.parse(words[3]));
                        threads.put(words[1] + words[2], valueOr(words[3], "threads_cpu_ms", ""));
                    }
                }
                if (t.size() != pairsPerJvm || b.size() != pairsPerJvm) {
                    throw new IllegalStateException("expected " + pairsPerJvm + " pairs: " + child.output());
                }
                for (int p = 0; p < pairsPerJvm; p++) {
                    s.log("churn N=" + n + variant + " JVM " + (j + 1) + " pair " + (p + 1) + ": "
                            + pairs.add(t.get(p), b.get(p)) + "; CPU ms by thread: tessera " + threads.get(p + "tessera")
                            + ", bare " + threads.get(p + "bare"));
                }
            } finally {
                Embedded.deleteTree(storage);
            }
        }
        notes.add(pairs.note(variant + " (alternating in one JVM)"));
        return pairs.row(variant, "bare Felix + tessera-core (same JVM)");
    }

    /** One size in separate JVMs: alternating pairs of runs. */
    private static Benchmarks.Row separateJvms(Benchmarks.Settings s, List<String> notes, int n, Path jars,
            String variant) throws Exception {
        int count = s.quick() ? 2 : 5;
        ChurnPairs pairs = new ChurnPairs(n);
        for (int p = 0; p < count; p++) {
            // alternate which goes first, so that neither always runs right after the other
            boolean tesseraFirst = p % 2 == 0;
            Map<String, Double> first = once(s, tesseraFirst, n, jars);
            Map<String, Double> second = once(s, !tesseraFirst, n, jars);
            s.log("churn N=" + n + variant + " pair " + (p + 1) + ": "
                    + pairs.add(tesseraFirst ? first : second, tesseraFirst ? second : first));
        }
        notes.add(pairs.note(variant));
        return pairs.row(variant, "bare Felix + tessera-core");
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

    /** One run in a fresh JVM ({@link ChurnRun}): up, down and their parts, in ms. */
    private static Map<String, Double> once(Benchmarks.Settings s, boolean tessera, int n, Path jars)
            throws Exception {
        Path storage = s.scratch().resolve("felix-churn-" + (tessera ? "tessera" : "bare"));
        Embedded.deleteTree(storage);
        List<String> cmd = new ArrayList<>(List.of(Child.java().toString()));
        cmd.addAll(FIXED_HEAP);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ChurnRun.class.getName(),
                tessera ? "tessera" : "bare", String.valueOf(n), jars.toString(), storage.toString(),
                s.bundles().toString(), String.valueOf(WARMUP),
                String.valueOf(s.quick() ? WARMUP_CYCLES_QUICK : WARMUP_CYCLES_FULL),
                String.valueOf(timedCycles(s.quick(), n)), String.valueOf(sizedWarmupCycles(s.quick()))));
        try (Child child = Child.start(cmd, s.out().resolve("churn-children.log"))) {
            Child.Line line = child.await(l -> l.startsWith("RESULT "), 30 * 60_000);
            child.waitFor(120_000);
            return ChurnPairs.parse(line.text());
        } finally {
            Embedded.deleteTree(storage);
        }
    }

    /** The value of {@code key=value} in a child's line. */
    static String value(String line, String key) {
        String v = valueOr(line, key, null);
        if (v == null) {
            throw new IllegalStateException("no " + key + " in " + line);
        }
        return v;
    }

    static String valueOr(String line, String key, String fallback) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return fallback;
    }
}
