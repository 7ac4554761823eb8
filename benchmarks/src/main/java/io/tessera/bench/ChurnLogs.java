package io.tessera.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pools the churn pairs of one or more runs from their {@code progress.log} files and prints, per
 * row, both ratios with their 95% intervals ({@link RatioInterval}). One run's thirty pairs at
 * N=5000 left the ratio of medians uncertain by about fifteen percent either way and the paired
 * ratio by about five; runs of the same code can be pooled. Usage: {@code java -cp tessera-benchmarks.jar io.tessera.bench.ChurnLogs progress.log...}
 */
public final class ChurnLogs {

    /** A pair's line as {@link Churn} logs it: the row, then both totals. */
    private static final Pattern PAIR = Pattern.compile(
            "churn (N=\\d+.*?)(?: JVM \\d+)? pair \\d+: tessera (\\d+) ms .*?, bare (\\d+) ms ");

    private ChurnLogs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: ChurnLogs progress.log... (the progress.log of each run to pool)");
            System.exit(2);
        }
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        for (String file : args) {
            for (String line : Files.readAllLines(Path.of(file))) {
                read(line, rows);
            }
        }
        for (String row : rows.keySet()) {
            System.out.println(summary(row, rows.get(row)));
        }
    }

    /** Adds the pair on {@code line}, if it is one, to its row. */
    static void read(String line, Map<String, List<double[]>> rows) {
        Matcher m = PAIR.matcher(line);
        if (m.find()) {
            rows.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
        }
    }

    /** One row: its pairs, the ratio of medians and the median of per-pair ratios, each with its interval. */
    static String summary(String row, List<double[]> pairs) {
        List<Double> tessera = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (double[] p : pairs) {
            tessera.add(p[0]);
            bare.add(p[1]);
        }
        return "churn " + row + ": " + pairs.size() + " pairs; " + RatioInterval.describe(tessera, bare);
    }
}
