package io.tessera.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pairs of one churn row, Tessera against bare Felix: their totals (up + down), each part of
 * the cycle, and the ratio within each pair; then the table row and the note with the parts.
 */
final class ChurnPairs {

    /** The figures of a cycle, by the names {@link ChurnCycle#format} gives them, without {@code _ns}. */
    static final List<String> FIGURES = List.of("up", "down", "install", "start", "activate", "settle_up", "stop",
            "uninstall", "settle_down", "cpu");

    private static final List<String> PARTS = FIGURES.subList(2, FIGURES.size());

    private final int n;
    private final List<Double> tessera = new ArrayList<>();
    private final List<Double> bare = new ArrayList<>();
    private final Map<String, List<Double>> tParts = new LinkedHashMap<>();
    private final Map<String, List<Double>> bParts = new LinkedHashMap<>();

    ChurnPairs(int n) {
        this.n = n;
    }

    /** A cycle's figures in ms, read from {@code key_ns=value} pairs. */
    static Map<String, Double> parse(String line) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String key : FIGURES) {
            values.put(key, Double.parseDouble(Churn.value(line, key + "_ns")) / 1e6);
        }
        return values;
    }

    /** Adds a pair; the line for the progress log. */
    String add(Map<String, Double> t, Map<String, Double> b) {
        double tt = t.get("up") + t.get("down");
        double bt = b.get("up") + b.get("down");
        tessera.add(tt);
        bare.add(bt);
        for (String part : PARTS) {
            tParts.computeIfAbsent(part, k -> new ArrayList<>()).add(t.get(part));
            bParts.computeIfAbsent(part, k -> new ArrayList<>()).add(b.get(part));
        }
        return String.format(Locale.ROOT, "tessera %.0f ms (up %.0f, down %.0f; CPU %.0f), bare %.0f ms (up %.0f,"
                + " down %.0f; CPU %.0f), ratio %.2f", tt, t.get("up"), t.get("down"), t.get("cpu"), bt, b.get("up"),
                b.get("down"), b.get("cpu"), tt / bt);
    }

    /**
     * The table row. A row with a target ({@code <= 1.10x}) meets it only if both the ratio of the
     * medians (the table's) and the median of the per-pair ratios (the note's, which cancels drift
     * between pairs) are within 1.10x; any other target is a label, and the row is not judged.
     */
    Benchmarks.Row row(String variant, String baselineName, String target) {
        Stats ts = new Stats(tessera);
        Stats bs = new Stats(bare);
        boolean judged = target.startsWith("<=");
        boolean met = ts.median() <= 1.10 * bs.median() && RatioInterval.MEDIAN_OF_RATIOS.of(tessera, bare) <= 1.10;
        return new Benchmarks.Row("2", "churn N=" + n + variant + " total ms", ts, baselineName, bs, target,
                judged ? (met ? "yes" : "NO") : "-");
    }

    /** The medians of every part, Tessera against bare, per app; {@code cpu} says what the cpu figure is. */
    String note(String variant, String cpu) {
        StringBuilder parts = new StringBuilder();
        for (String part : PARTS) {
            double tm = new Stats(tParts.get(part)).median();
            double bm = new Stats(bParts.get(part)).median();
            parts.append(String.format(Locale.ROOT, "%s %s vs %s ms (%+.0f us/app); ", part.replace('_', ' '),
                    Stats.format(tm), Stats.format(bm), (tm - bm) * 1000 / n));
        }
        return String.format(Locale.ROOT,
                "Churn N=%d%s, medians of %d pairs, Tessera vs bare: per app %.0f vs %.0f us; %s; %s(activate ="
                        + " STARTING to STARTED per app, where the registry reads the app and runs ready(); %s;"
                        + " intervals by resampling the pairs)",
                n, variant, tessera.size(), new Stats(tessera).median() * 1000 / n,
                new Stats(bare).median() * 1000 / n, RatioInterval.describe(tessera, bare), parts, cpu);
    }
}
