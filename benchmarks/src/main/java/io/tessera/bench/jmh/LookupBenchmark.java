package io.tessera.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Hashtable;
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
import org.openjdk.jmh.annotations.TearDown;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.launch.Framework;

import io.tessera.bench.Embedded;
import io.tessera.core.App;
import io.tessera.core.AppConfig;
import io.tessera.core.Model;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.index.CandidateReader;
import io.tessera.registry.internal.index.Origin;

/**
 * Figure 1: lookups on a registry with {@value #APPS} READY apps of two models each, against
 * a {@link HashMap} holding the same keys, and against a filtered OSGi service lookup among
 * {@value #APPS} {@link AppConfig} services in a real embedded Felix.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LookupBenchmark {

    public static final int APPS = 1_000;

    /** "blog" and 999 others. */
    static List<String> labels() {
        List<String> labels = new ArrayList<>(APPS);
        labels.add("blog");
        for (int i = 1; i < APPS; i++) {
            labels.add(String.format("bench_%04d", i));
        }
        return labels;
    }

    /** The keys looked up; fields, not constants, so that the JIT cannot fold them. */
    @State(Scope.Benchmark)
    public static class Keys {
        public String key = "blog.Post";
        public String label = "blog";
        public String modelName = "post";
    }

    @State(Scope.Benchmark)
    public static class Registry {
        public TesseraRegistry registry;

        @Setup
        public void setUp() throws Exception {
            registry = new TesseraRegistry(c -> -1);
            long id = 1;
            for (String label : labels()) {
                Class<?>[] models = FixtureLoader.models();
                AppConfig config = new FixedConfig(label, List.of(models));
                registry.add(CandidateReader.read(id, config,
                        new Origin(id, "bench.app." + label, "inprocess:" + label, new Version(1, 0, 0))));
                id++;
            }
            if (!registry.awaitSettled(Duration.ofMinutes(1))) {
                throw new IllegalStateException("registry did not settle");
            }
            long ready = registry.apps().stream().filter(App::isReady).count();
            if (ready != APPS || registry.models().size() != 2 * APPS) {
                throw new IllegalStateException(ready + " apps READY, " + registry.models().size() + " models");
            }
            // the benchmarks must find what they look for
            registry.model("blog.Post");
            registry.model("blog", "post");
            registry.app("blog");
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            registry.shutdown();
        }
    }

    /** The same keys in plain HashMaps: "label.Model" and "label.model" to models, label to app. */
    @State(Scope.Benchmark)
    public static class Maps {
        public Map<String, Model> modelsByKey = new HashMap<>();
        public Map<String, Map<String, Model>> modelsByLabel = new HashMap<>();
        public Map<String, AppConfig> appsByLabel = new HashMap<>();

        @Setup
        public void setUp() {
            for (String label : labels()) {
                Class<?>[] models = FixtureLoader.models();
                Map<String, Model> byName = new HashMap<>();
                for (Class<?> type : models) {
                    Model m = Model.describe(label, type);
                    modelsByKey.put(m.key(), m);
                    modelsByKey.put(label + "." + m.lookupName(), m);
                    byName.put(m.name(), m);
                    byName.put(m.lookupName(), m);
                }
                modelsByLabel.put(label, byName);
                appsByLabel.put(label, new FixedConfig(label, List.of(models)));
            }
        }
    }

    /** A real Felix with one AppConfig service per app, registered by the system bundle. */
    @State(Scope.Benchmark)
    public static class Osgi {
        public Framework framework;
        public BundleContext context;
        public String filter = "(" + AppConfig.LABEL_PROPERTY + "=blog)";
        private Path storage;

        @Setup
        public void setUp() throws Exception {
            Path shm = Path.of("/dev/shm");
            storage = Files.createTempDirectory(Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")),
                    "tessera-jmh-felix-");
            framework = Embedded.start(storage);
            context = framework.getBundleContext();
            for (String label : labels()) {
                Hashtable<String, Object> properties = new Hashtable<>();
                properties.put(AppConfig.LABEL_PROPERTY, label);
                context.registerService(AppConfig.class, new FixedConfig(label, List.of(FixtureLoader.models())),
                        properties);
            }
            if (context.getServiceReferences(AppConfig.class, null).size() != APPS) {
                throw new IllegalStateException("services missing");
            }
        }

        @TearDown
        public void tearDown() throws Exception {
            Embedded.stop(framework);
            Embedded.deleteTree(storage);
        }
    }

    // ---- the registry ----

    @Benchmark
    public Model registryModelByKey(Registry r, Keys k) {
        return r.registry.model(k.key);
    }

    @Benchmark
    public Model registryModelByLabelAndName(Registry r, Keys k) {
        return r.registry.model(k.label, k.modelName);
    }

    @Benchmark
    public App registryApp(Registry r, Keys k) {
        return r.registry.app(k.label);
    }

    // ---- baseline: HashMap.get with the equivalent keys ----

    @Benchmark
    public Model hashMapModelByKey(Maps m, Keys k) {
        return m.modelsByKey.get(k.key);
    }

    /** Two gets: the label's models, then the model; what {@code model(label, name)} has to do. */
    @Benchmark
    public Model hashMapModelByLabelAndName(Maps m, Keys k) {
        return m.modelsByLabel.get(k.label).get(k.modelName);
    }

    @Benchmark
    public AppConfig hashMapApp(Maps m, Keys k) {
        return m.appsByLabel.get(k.label);
    }

    // ---- baseline: a filtered OSGi service lookup ----

    @Benchmark
    public AppConfig osgiFilteredLookup(Osgi o) throws Exception {
        Collection<ServiceReference<AppConfig>> refs = o.context.getServiceReferences(AppConfig.class, o.filter);
        return o.context.getService(refs.iterator().next());
    }
}
