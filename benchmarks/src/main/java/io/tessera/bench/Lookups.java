package io.tessera.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.tessera.bench.jmh.ExtensionBenchmark;
import io.tessera.bench.jmh.LookupBenchmark;

/**
 * Figure 1, with JMH: each measurement iteration is one sample; min/median/max are over all
 * iterations of all forks.
 */
final class Lookups {

    private Lookups() {
    }

    static List<Benchmarks.Row> run(Benchmarks.Settings s, List<String> notes) throws Exception {
        int forks = s.quick() ? 1 : 3;
        int warmups = s.quick() ? 2 : 3;
        int iterations = s.quick() ? 3 : 5;
        Options options = new OptionsBuilder()
                .include("(" + LookupBenchmark.class.getName() + "|" + ExtensionBenchmark.class.getName() + ")\\.")
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.NANOSECONDS)
                .threads(1)
                .shouldFailOnError(true)
                .output(s.out().resolve("jmh-lookups.log").toString())
                .build();
        s.log("JMH: " + forks + " fork(s), " + warmups + "x1 s warm-up, " + iterations + "x1 s measurement per benchmark;"
                + " output in " + s.out().resolve("jmh-lookups.log"));
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Stats> byName = new HashMap<>();
        for (RunResult rr : results) {
            String name = rr.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult br : rr.getBenchmarkResults()) {
                for (IterationResult ir : br.getIterationResults()) {
                    scores.add(ir.getPrimaryResult().getScore());
                }
            }
            byName.put(name, new Stats(scores));
        }
        List<Benchmarks.Row> rows = new ArrayList<>();
        rows.add(row(byName, "registryModelByKey", "model(\"blog.Post\") ns/op", "hashMapModelByKey",
                "HashMap.get(\"blog.Post\")"));
        rows.add(row(byName, "registryModelByLabelAndName", "model(\"blog\",\"post\") ns/op", "hashMapModelByLabelAndName",
                "HashMap.get(\"blog\").get(\"post\")"));
        rows.add(row(byName, "registryApp", "app(\"blog\") ns/op", "hashMapApp", "HashMap.get(\"blog\")"));
        rows.add(row(byName, "registryExtensions", "extensions(Point.class), 20 contributions ns/op", "hashMapExtensions",
                "HashMap.get(point name)"));
        Stats osgi = byName.get("osgiFilteredLookup");
        rows.add(new Benchmarks.Row("1", "OSGi getServiceReferences(filter)+getService ns/op", osgi,
                "app(\"blog\")", byName.get("registryApp"), "baseline", "-"));
        Stats single = byName.get("hashMapModelByKey");
        notes.add(String.format(java.util.Locale.ROOT,
                "Lookups: against one HashMap.get (%s ns), model(\"blog\",\"post\") is %.2fx; app(\"blog\") is %.0fx faster"
                        + " than the filtered OSGi lookup.",
                Stats.format(single.median()), byName.get("registryModelByLabelAndName").median() / single.median(),
                osgi.median() / byName.get("registryApp").median()));
        return rows;
    }

    private static Benchmarks.Row row(Map<String, Stats> byName, String benchmark, String what, String baseline,
            String baselineName) {
        Stats v = byName.get(benchmark);
        Stats b = byName.get(baseline);
        boolean met = v.median() <= 2 * b.median();
        return new Benchmarks.Row("1", what, v, baselineName, b, "<= 2x HashMap", met ? "yes" : "NO");
    }
}
