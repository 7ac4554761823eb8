package io.tessera.bench.jmh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.osgi.framework.Version;

import io.tessera.core.Extensions;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.index.AppExtensions;
import io.tessera.registry.internal.index.Candidate;
import io.tessera.registry.internal.index.CandidateReader;
import io.tessera.registry.internal.index.ContributionRecord;
import io.tessera.registry.internal.index.Origin;
import io.tessera.registry.internal.index.PointDeclaration;

/**
 * Figure 1, extension points: reading the contributions to a point ({@code extensions(Point.class)},
 * the view's snapshot) on a registry with {@value LookupBenchmark#APPS} READY apps, one of which
 * declares {@link Point} and {@value #CONTRIBUTORS} of which contribute to it (and to
 * {@value #OTHER_POINTS} other points, so the point is one key among several), against a
 * {@link HashMap#get} of a list by the point's name.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExtensionBenchmark {

    static final int CONTRIBUTORS = 20;
    static final int OTHER_POINTS = 50;

    /** The extension point read. */
    public interface Point {
    }

    /** What every app contributes. */
    public static final class Implementation implements Point {
    }

    @State(Scope.Benchmark)
    public static class Points {
        public TesseraRegistry registry;
        /** A field, not a constant, so that the JIT cannot fold it. */
        public Class<?> point = Point.class;

        @Setup
        public void setUp() throws Exception {
            registry = new TesseraRegistry(c -> -1);
            long id = 1;
            for (String label : LookupBenchmark.labels()) {
                Candidate read = CandidateReader.read(id, new FixedConfig(label, List.of()),
                        new Origin(id, "bench.app." + label, "inprocess:" + label, new Version(1, 0, 0)));
                registry.add(read.withExtensions(extensions(id, label)));
                id++;
            }
            if (!registry.awaitSettled(Duration.ofMinutes(1))) {
                throw new IllegalStateException("registry did not settle");
            }
            if (registry.extensions(Point.class).all().size() != CONTRIBUTORS) {
                throw new IllegalStateException("expected " + CONTRIBUTORS + " contributions, got "
                        + registry.extensions(Point.class).all());
            }
        }

        private static AppExtensions extensions(long id, String label) {
            if (label.equals("blog")) {
                return new AppExtensions(List.of(PointDeclaration.of(label, Point.class.getName(), true, false)),
                        List.of(), List.of(), AppExtensions.Services.NONE);
            }
            int n = (int) id;
            if (n % 50 != 0) { // every 50th app contributes: 20 of 1,000
                return AppExtensions.NONE;
            }
            List<ContributionRecord> contributions = new ArrayList<>();
            contributions.add(new ContributionRecord(id, label, id, Point.class.getName(), Implementation.class, n % 7));
            contributions.add(new ContributionRecord(id, label, id, "bench.OtherPoint" + (n % OTHER_POINTS),
                    Implementation.class, 0));
            return new AppExtensions(List.of(), contributions, List.of(), AppExtensions.Services.NONE);
        }
    }

    @State(Scope.Benchmark)
    public static class Maps {
        public Map<String, List<Object>> byPoint = new HashMap<>();
        public String pointName = Point.class.getName();

        @Setup
        public void setUp() {
            for (int i = 0; i < OTHER_POINTS; i++) {
                byPoint.put("bench.OtherPoint" + i, List.of(new Implementation()));
            }
            List<Object> contributions = new ArrayList<>();
            for (int i = 0; i < CONTRIBUTORS; i++) {
                contributions.add(new Implementation());
            }
            byPoint.put(pointName, List.copyOf(contributions));
        }
    }

    @Benchmark
    public Extensions<?> registryExtensions(Points p) {
        return p.registry.extensions(p.point);
    }

    @Benchmark
    public List<Object> hashMapExtensions(Maps m) {
        return m.byPoint.get(m.pointName);
    }
}
