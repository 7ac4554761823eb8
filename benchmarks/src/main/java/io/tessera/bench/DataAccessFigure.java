package io.tessera.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.tessera.bench.jmh.DataAccessBenchmark;

/**
 * Figure 7, with JMH: insert and find-by-id through the data access API against plain JDBC. The
 * run is a series of rounds; in each, every benchmark runs in a fork of its own, the API and JDBC
 * forks of one operation back to back (which goes first alternates by round), so that a round's two
 * figures saw the same machine. A round's figure is the median of its fork's measurement
 * iterations; the rounds are the pairs of the ratio and its bootstrap interval. Then
 * {@link DataAccessPairs} pairs blocks milliseconds apart in this JVM, which a shared machine's load
 * cannot tell apart the way it can tell apart forks seconds apart.
 */
final class DataAccessFigure {

    private static final double TARGET = 1.2;

    private DataAccessFigure() {
    }

    static List<Benchmarks.Row> run(Benchmarks.Settings s, List<String> notes) throws Exception {
        int rounds = s.quick() ? 3 : 8;
        // longer than the lookups' warm-up: on a loaded machine the forks' JIT needs it for the JDBC driver's code
        int warmups = s.quick() ? 4 : 5;
        int iterations = s.quick() ? 3 : 5;
        s.log("JMH: " + rounds + " rounds of one fork per benchmark, " + warmups + "x1 s warm-up, " + iterations
                + "x1 s measurement; output in " + s.out().resolve("jmh-data-*.log"));
        Map<String, List<Double>> perRound = new HashMap<>();
        List<String> order = List.of("apiInsert", "jdbcInsert", "apiFindById", "jdbcFindById");
        for (int round = 0; round < rounds; round++) {
            for (int pair = 0; pair < order.size(); pair += 2) {
                String a = order.get(pair + (round % 2));
                String b = order.get(pair + 1 - (round % 2));
                for (String benchmark : List.of(a, b)) {
                    Stats fork = fork(s, benchmark, round + 1, warmups, iterations);
                    perRound.computeIfAbsent(benchmark, k -> new ArrayList<>()).add(fork.median());
                    s.log(String.format(Locale.ROOT, "data round %d %s median %.0f ns/op, iterations %s", round + 1,
                            benchmark, fork.median(), fork.samples()));
                }
            }
        }
        List<Benchmarks.Row> rows = new ArrayList<>();
        rows.add(row(perRound, "insert", "apiInsert", "jdbcInsert", notes));
        rows.add(row(perRound, "find by id", "apiFindById", "jdbcFindById", notes));

        int pairs = s.quick() ? 60 : 300;
        int warmup = s.quick() ? 10 : 20;
        s.log("data: " + pairs + " interleaved pairs of " + DataAccessPairs.BLOCK + "-operation blocks after " + warmup
                + " s of warm-up, in this JVM");
        DataAccessPairs.Pairs[] interleaved = DataAccessPairs.run(pairs, warmup);
        rows.add(pairedRow("insert", interleaved[0], notes, s));
        rows.add(pairedRow("find by id", interleaved[1], notes, s));
        return rows;
    }

    private static Benchmarks.Row pairedRow(String what, DataAccessPairs.Pairs p, List<String> notes,
            Benchmarks.Settings s) {
        s.log("data pairs " + what + " api " + p.api() + " jdbc " + p.jdbc());
        double ratioOfMedians = RatioInterval.RATIO_OF_MEDIANS.of(p.api(), p.jdbc());
        double medianOfRatios = RatioInterval.MEDIAN_OF_RATIOS.of(p.api(), p.jdbc());
        boolean met = ratioOfMedians <= TARGET && medianOfRatios <= TARGET;
        notes.add("Data access, " + what + ", interleaved (" + p.api().size() + " pairs of " + DataAccessPairs.BLOCK
                + "-operation blocks): " + RatioInterval.describe(p.api(), p.jdbc()) + ".");
        return new Benchmarks.Row("7", "data API " + what + " ns/op, interleaved blocks", new Stats(p.api()),
                "plain JDBC, the blocks in between", new Stats(p.jdbc()), "<= 1.2x JDBC", met ? "yes" : "NO");
    }

    private static Stats fork(Benchmarks.Settings s, String benchmark, int round, int warmups, int iterations)
            throws Exception {
        Options options = new OptionsBuilder()
                .include(DataAccessBenchmark.class.getName() + "\\." + benchmark + "$")
                .forks(1)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.NANOSECONDS)
                .threads(1)
                .shouldFailOnError(true)
                .output(s.out().resolve("jmh-data-" + round + "-" + benchmark + ".log").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Double> scores = new ArrayList<>();
        for (RunResult rr : results) {
            for (BenchmarkResult br : rr.getBenchmarkResults()) {
                for (IterationResult ir : br.getIterationResults()) {
                    scores.add(ir.getPrimaryResult().getScore());
                }
            }
        }
        return new Stats(scores);
    }

    private static Benchmarks.Row row(Map<String, List<Double>> perRound, String what, String api, String jdbc,
            List<String> notes) {
        List<Double> a = perRound.get(api);
        List<Double> j = perRound.get(jdbc);
        double ratioOfMedians = RatioInterval.RATIO_OF_MEDIANS.of(a, j);
        double medianOfRatios = RatioInterval.MEDIAN_OF_RATIOS.of(a, j);
        boolean met = ratioOfMedians <= TARGET && medianOfRatios <= TARGET;
        notes.add("Data access, " + what + " (" + a.size() + " rounds): " + RatioInterval.describe(a, j) + ".");
        return new Benchmarks.Row("7", "data API " + what + " ns/op (one pooled H2 connection per op)", new Stats(a),
                "plain JDBC, same statements and pool", new Stats(j), "<= 1.2x JDBC", met ? "yes" : "NO");
    }
}
