package io.tessera.registry.internal.engine;

import static io.tessera.registry.internal.engine.TestApp.app;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.Test;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.core.Model;

/** Deterministic order of apps and models (C06, C13), and the generation counter. */
public class OrderConformanceTest extends RegistryTestSupport {

    record Zebra(String name) {
    }

    record Ant(String name) {
    }

    record Cat(String name) {
    }

    record Dog(String name) {
    }

    record Ghost(String name) {
    }

    private List<String> labels() {
        return registry.apps().stream().map(App::label).toList();
    }

    @Test
    public void c06_appsWithoutRequirementsAreOrderedByLabel() {
        add(app("zoo"));
        add(app("auth"));
        add(app("mid"));
        assertEquals(List.of("auth", "mid", "zoo"), labels());
    }

    @Test
    public void c06_appsComeAfterWhatTheyRequire() {
        add(app("aaa").requires("zzz"));
        add(app("bbb"));
        add(app("zzz").requires("mmm"));
        add(app("mmm"));
        assertEquals(List.of("bbb", "mmm", "zzz", "aaa"), labels());
        assertTrue(registry.apps().stream().allMatch(App::isReady));
    }

    @Test
    public void c06_orderDoesNotDependOnArrivalOrder() throws InterruptedException {
        List<Supplier<TestApp>> apps = List.of(() -> app("b").requires("c"), () -> app("a"),
                () -> app("d").requires("a", "b"), () -> app("c"), () -> app("e").requires("missing"));
        for (Supplier<TestApp> a : apps) {
            add(a.get());
        }
        List<String> forward = labels();
        assertEquals(List.of("a", "c", "b", "d", "e"), forward);

        TesseraRegistry other = new TesseraRegistry(type -> -1);
        try {
            List<Supplier<TestApp>> reversed = new ArrayList<>(apps);
            java.util.Collections.reverse(reversed);
            for (Supplier<TestApp> a : reversed) {
                other.add(candidate(a.get()));
            }
            assertEquals(forward, other.apps().stream().map(App::label).toList());
        } finally {
            other.shutdown();
        }
    }

    @Test
    public void c06_orderFollowsChanges() {
        long auth = add(app("zauth"));
        add(app("blog").requires("zauth"));
        assertEquals(List.of("zauth", "blog"), labels());
        registry.remove(auth);
        assertEquals(List.of("blog"), labels());
        add(app("zauth"));
        assertEquals(List.of("zauth", "blog"), labels());
    }

    @Test
    public void c06_appsAddedAsOneBatchStartInDependencyOrderThenByLabel() {
        registry.asOneBatch(() -> {
            registry.add(candidate(app("zed").onReady(() -> log.add("zed"))));
            registry.add(candidate(app("blog").requires("auth").onReady(() -> log.add("blog"))));
            registry.add(candidate(app("auth").onReady(() -> log.add("auth"))));
        });
        assertEquals(List.of("auth", "blog", "zed"), log);
        assertEquals(List.of("auth", "blog", "zed"), labels());
        assertTrue(registry.apps().stream().allMatch(App::isReady));
    }

    @Test
    public void c13_modelsOfReadyAppsInAppOrderThenDeclarationOrder() {
        add(app("zoo").models(Zebra.class, Ant.class));
        add(app("mid").requires("zoo").models(Dog.class));
        add(app("app").models(Cat.class));
        add(app("waiting").requires("missing").models(Ghost.class));
        assertEquals(AppState.WAITING, state("waiting"));
        assertEquals(List.of(Cat.class, Zebra.class, Ant.class, Dog.class),
                registry.models().stream().map(Model::type).toList());
        assertEquals(List.of("app.Cat", "zoo.Zebra", "zoo.Ant", "mid.Dog"),
                registry.models().stream().map(Model::key).toList());
    }

    @Test
    public void c13_failedAppsContributeNoModels() {
        add(app("boom").models(Ghost.class).onReady(() -> {
            throw new IllegalStateException("boom");
        }));
        add(app("fine").models(Cat.class));
        assertEquals(List.of(Cat.class), registry.models().stream().map(Model::type).toList());
    }

    @Test
    public void generationChangesOnEveryChange() {
        long g0 = registry.generation();
        long auth = add(app("auth"));
        long g1 = registry.generation();
        assertTrue(g1 > g0);
        add(app("blog").requires("auth"));
        long g2 = registry.generation();
        assertTrue(g2 > g1);
        add(app("auth"));  // a rival: FAILED, but still a change
        long g3 = registry.generation();
        assertTrue(g3 > g2);
        registry.remove(auth);
        long g4 = registry.generation();
        assertTrue(g4 > g3);
        assertEquals("reads between changes see one generation", g4, registry.generation());
        registry.remove(123456789L); // unknown id: nothing changes
        assertEquals(g4, registry.generation());
    }

    @Test
    public void listsAreSnapshotsNotLiveViews() {
        add(app("auth").models(Cat.class));
        List<App> apps = registry.apps();
        List<Model> models = registry.models();
        long g = registry.generation();
        add(app("blog").models(Dog.class));
        assertEquals(1, apps.size());
        assertEquals(1, models.size());
        assertNotEquals(g, registry.generation());
        assertEquals(2, registry.apps().size());
        assertEquals(2, registry.models().size());
    }
}
