package io.tessera.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figure 2: install+start then stop+uninstall of N generated app bundles in an embedded Felix,
 * with the Tessera registry versus bare Felix (tessera-core only), in one JVM: side by side in two
 * frameworks, bundle by bundle ({@link ChurnInterleaved}), and, as a cross-check, cycle by cycle
 * in one framework ({@link ChurnAlternating}). Framework storage on tmpfs.
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
     * Every churn size with apps of two declared models, side by side in one JVM
     * ({@link ChurnInterleaved}): the rows that count against the target. Then, at the size closest
     * to 1,000: the same with no registry in either framework, the noise of the method (an A/A
     * control); with the models listed in {@code models()} (loaded as each app arrives: the design
     * before {@code @AppModel}); and with apps without models (the registry's own share). Last,
     * every size again alternating whole cycles ({@link ChurnAlternating}), the method before: it
     * is far noisier, but it sees what side by side shares between the two frameworks (the
     * collector's work, which shows at N=5000).
     */
    static List<Benchmarks.Row> run(Benchmarks.Settings s, List<String> notes) throws Exception {
        int max = 0;
        int near1000 = s.churnN()[0];
        for (int n : s.churnN()) {
            max = Math.max(max, n);
            near1000 = Math.abs(n - 1000) < Math.abs(near1000 - 1000) ? n : near1000;
        }
        Path jars = generate(s, Math.max(max, WARMUP), BundleJars.Models.DECLARED);
        List<Benchmarks.Row> rows = new ArrayList<>();
        for (int n : s.churnN()) {
            rows.add(inOneJvm(s, notes, Method.SIDE_BY_SIDE, n, jars, "", false));
        }
        rows.add(inOneJvm(s, notes, Method.SIDE_BY_SIDE, near1000, jars,
                ", A/A control (no registry in either framework)", true));
        rows.add(inOneJvm(s, notes, Method.SIDE_BY_SIDE, near1000,
                generate(s, Math.max(near1000, WARMUP), BundleJars.Models.LISTED), ", models listed in models()", false));
        rows.add(inOneJvm(s, notes, Method.SIDE_BY_SIDE, near1000,
                generate(s, Math.max(near1000, WARMUP), BundleJars.Models.NONE), ", apps without models", false));
        for (int n : s.churnN()) {
            rows.add(inOneJvm(s, notes, Method.ALTERNATING, n, jars, "", false));
        }
        return rows;
    }

    /** How a child JVM runs the two configurations against each other. */
    enum Method {
        /** Two frameworks, bundle by bundle ({@link ChurnInterleaved}); each pair is one cycle of both. */
        SIDE_BY_SIDE(ChurnInterleaved.class, ", side by side", "side by side in one JVM", 1,
                "cpu = the main thread's CPU time in that framework's operations"),
        /** One framework, the registry started for one cycle and stopped for the next ({@link ChurnAlternating}). */
        ALTERNATING(ChurnAlternating.class, ", alternating cycles", "alternating cycles in one JVM", 2,
                "cpu = process CPU time, JIT and GC included");

        final Class<?> main;
        /** Added to every row's name: rows of different methods must never be pooled ({@link ChurnLogs}). */
        final String name;
        final String description;
        /** Cycles the child runs per warm-up cycle of one configuration. */
        final int cyclesPerWarmup;
        final String cpu;

        Method(Class<?> main, String name, String description, int cyclesPerWarmup, String cpu) {
            this.main = main;
            this.name = name;
            this.description = description;
            this.cyclesPerWarmup = cyclesPerWarmup;
            this.cpu = cpu;
        }

        /** JVMs per row; the alternating method's cycles of 5,000 cost 35 s each, so it checks with fewer. */
        int jvms(boolean quick, int n) {
            return quick ? 1 : (this == ALTERNATING && n > 1000 ? 2 : 3);
        }

        /**
         * Pairs per JVM. Alternating, a single pair's ratio ranged from 0.75x to 1.66x at N=100 and
         * from 0.72x to 1.55x at N=5000 on this machine (a pair costs about 0.1 s at N=100, 4 s at
         * N=1000 and 35 s at N=5000), and 21 pairs at N=1000 left the ratio of medians between 0.93x
         * and 1.25x (95% interval). Side by side, ten pairs at N=1000 ranged from 1.04x to 1.10x,
         * and ten A/A pairs from 0.97x to 1.04x: far fewer pairs suffice, except at N=100, where
         * a pair is short enough for the JIT and the collector to weigh on single pairs.
         */
        int pairsPerJvm(boolean quick, int n) {
            if (n <= 100) {
                return quick ? 15 : 40;
            }
            if (this == SIDE_BY_SIDE) {
                return quick ? 5 : (n <= 1000 ? 10 : 4);
            }
            return quick ? 5 : (n <= 1000 ? 15 : 8);
        }
    }

    /** One row: a few JVMs of several pairs each. */
    private static Benchmarks.Row inOneJvm(Benchmarks.Settings s, List<String> notes, Method method, int n, Path jars,
            String variant, boolean control) throws Exception {
        String row = method.name + variant;
        int jvms = method.jvms(s.quick(), n);
        int pairsPerJvm = method.pairsPerJvm(s.quick(), n);
        ChurnPairs pairs = new ChurnPairs(n);
        for (int j = 0; j < jvms; j++) {
            Path storage = s.scratch().resolve("felix-churn");
            Embedded.deleteTree(storage);
            List<String> cmd = new ArrayList<>(List.of(Child.java().toString()));
            cmd.addAll(FIXED_HEAP);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), method.main.getName(),
                    String.valueOf(n), jars.toString(), storage.toString(), s.bundles().toString(),
                    String.valueOf(WARMUP),
                    String.valueOf(method.cyclesPerWarmup * (s.quick() ? WARMUP_CYCLES_QUICK : WARMUP_CYCLES_FULL)),
                    String.valueOf(method.cyclesPerWarmup * sizedWarmupCycles(s.quick())), String.valueOf(pairsPerJvm)));
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
                    String cpu = threads.get(p + "tessera");
                    s.log("churn N=" + n + row + " JVM " + (j + 1) + " pair " + (p + 1) + ": "
                            + pairs.add(t.get(p), b.get(p)) + (cpu.isEmpty() ? "" : "; CPU ms by thread: tessera "
                            + cpu + ", bare " + threads.get(p + "bare")));
                }
            } finally {
                Embedded.deleteTree(storage);
            }
        }
        notes.add(pairs.note(row, method.cpu));
        boolean counted = method == Method.SIDE_BY_SIDE && variant.isEmpty();
        return pairs.row(row, "bare Felix + tessera-core (" + method.description + ")",
                counted ? "<= 1.10x" : method == Method.ALTERNATING ? "(cross-check)" : "(diagnostic)");
    }

    /** The app jars bench-app-00000.jar... on tmpfs, written once for all runs. */
    static Path generate(Benchmarks.Settings s, int n, BundleJars.Models models) throws Exception {
        Path jars = s.scratch().resolve("app-jars-" + models.name().toLowerCase(Locale.ROOT));
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Path jar = ChurnCycle.appJar(jars, i);
            if (!Files.exists(jar)) {
                BundleJars.app(jar, String.format("bench.app.%05d", i), String.format("bench_%05d", i), models);
            }
        }
        s.log("app bundles 0.." + (n - 1) + " ready (" + (System.nanoTime() - t0) / 1_000_000 + " ms) in " + jars);
        return jars;
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
