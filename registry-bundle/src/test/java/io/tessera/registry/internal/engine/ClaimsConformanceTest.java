package io.tessera.registry.internal.engine;

import static io.tessera.registry.internal.engine.TestApp.app;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.osgi.framework.Version;

import io.tessera.core.AppState;
import io.tessera.core.Model;
import io.tessera.registry.internal.index.AppRecord;
import io.tessera.registry.internal.index.Origin;

/** Unique labels, names and model classes; valid labels: C07, C08, C11, C12. */
public class ClaimsConformanceTest extends RegistryTestSupport {

    record Post(String title) {
    }

    record Note(String text) {
    }

    static final class First {
        record Entry(String a) {
        }
    }

    static final class Second {
        record Entry(String b) {
        }
    }

    @Test
    public void c07_secondAppWithTakenLabelFailsNamingTheHolder() {
        long first = add(app("blog").named("io.example.blog"));
        long second = add(app("blog").named("io.other.blog"));
        assertEquals(AppState.READY, record(first).state());
        AppRecord rival = record(second);
        assertEquals(AppState.FAILED, rival.state());
        assertContains(rival.reason(), "label 'blog' is already taken", "io.example.blog",
                "bundle " + record(first).bundleId());
        assertEquals("lookups lead to the holder", first, ((AppRecord) registry.app("blog")).id());
        assertTrue(registry.isInstalled("io.example.blog"));
        assertTrue(!registry.isInstalled("io.other.blog"));
    }

    @Test
    public void c07_secondAppTakesTheLabelOverWhenTheHolderLeaves() {
        long first = add(app("blog").named("io.example.blog").models(Post.class));
        TestApp other = app("blog").named("io.other.blog").models(Note.class);
        long second = add(other);
        assertEquals(0, other.readyCalls.get());
        assertSame("the holder's models, any spelling, despite the failed rival", Post.class,
                registry.model("blog", "POST").type());
        assertTrue(registry.findModel("blog.note").isEmpty());
        registry.remove(first);
        AppRecord now = (AppRecord) registry.app("blog");
        assertEquals(second, now.id());
        assertEquals(AppState.READY, now.state());
        assertEquals(1, other.readyCalls.get());
        assertSame(Note.class, registry.model("blog.Note").type());
        assertSame(Note.class, registry.model("blog", "note").type());
        assertTrue(registry.findModel("blog.Post").isEmpty());
        assertTrue(registry.findModel("blog.post").isEmpty());
        assertEquals(1, registry.apps().size());
    }

    @Test
    public void c07_namesAreUniqueLikewise() {
        long first = add(app("blog").named("io.example.blog"));
        long second = add(app("weblog").named("io.example.blog"));
        assertEquals(AppState.READY, record(first).state());
        AppRecord rival = record(second);
        assertEquals(AppState.FAILED, rival.state());
        assertContains(rival.reason(), "name 'io.example.blog' is already used by app 'blog'", "must be unique");
        registry.remove(first);
        assertEquals(AppState.READY, state("weblog"));
        assertTrue(registry.isInstalled("io.example.blog"));
    }

    @Test
    public void c07_failedHolderDoesNotKeepTheLabel() {
        long first = add(app("blog").named("io.example.blog").onReady(() -> {
            throw new IllegalStateException("broken");
        }));
        long second = add(app("blog").named("io.other.blog"));
        assertEquals(AppState.FAILED, record(first).state());
        assertEquals(AppState.READY, record(second).state());
        assertEquals(second, ((AppRecord) registry.app("blog")).id());
    }

    @Test
    public void c08_badLabelsFailWithTheRuleInTheReason() {
        String[] bad = {"blog.posts", "blog-posts", "1blog", "Blog", "b".repeat(65)};
        for (String label : bad) {
            long id = add(app(label));
            AppRecord r = record(id);
            assertEquals(label, AppState.FAILED, r.state());
            assertTrue(label + ": " + r.reason(),
                    r.reason().contains("[a-z][a-z0-9_]*") || r.reason().contains("at most 64"));
        }
        assertContains(record(add(app("c".repeat(65)))).reason(), "labels are at most 64");
        assertTrue(registry.models().isEmpty());
        assertTrue(registry.apps().stream().noneMatch(a -> a.isReady()));
    }

    @Test
    public void c08_badLabelDoesNotBlockAValidApp() {
        add(app("Blog"));
        add(app("blog"));
        assertEquals(AppState.READY, state("blog"));
        assertEquals(AppState.FAILED, state("Blog"));
    }

    @Test
    public void c11_oneBundleWithTwoConfigsOfTheSameNameFailsTheSecondNamingBoth() {
        Origin bundle = new Origin(5, "io.example.pair", "file:/pair.jar", new Version("1.0.0"));
        long first = add(candidate(app("alpha"), bundle));
        long second = add(candidate(app("beta"), bundle));
        assertEquals(AppState.READY, record(first).state());
        AppRecord rival = record(second);
        assertEquals(AppState.FAILED, rival.state());
        assertContains(rival.reason(), "name 'io.example.pair'", "app 'alpha'", "bundle 5");
        assertEquals("beta", rival.label());
    }

    @Test
    public void c11_oneBundleWithTwoDistinctConfigsGivesTwoApps() {
        Origin bundle = new Origin(5, "io.example.pair", "file:/pair.jar", new Version("1.0.0"));
        add(candidate(app("alpha").named("io.example.alpha"), bundle));
        add(candidate(app("beta").named("io.example.beta"), bundle));
        assertEquals(AppState.READY, state("alpha"));
        assertEquals(AppState.READY, state("beta"));
        assertEquals(5, registry.app("alpha").bundleId());
        assertEquals(5, registry.app("beta").bundleId());
    }

    @Test
    public void c12_sameModelClassTwiceIsHarmless() {
        add(app("blog").models(Post.class, Note.class, Post.class));
        assertEquals(AppState.READY, state("blog"));
        assertEquals(List.of("Post", "Note"), registry.app("blog").models().stream().map(Model::name).toList());
        assertEquals(2, registry.models().size());
    }

    @Test
    public void c12_twoClassesWithOneModelNameAreConflictingModels() {
        add(app("blog").models(First.Entry.class, Second.Entry.class));
        assertEquals(AppState.FAILED, state("blog"));
        assertContains(reason("blog"), "conflicting models 'Entry'", First.Entry.class.getName(),
                Second.Entry.class.getName());
        assertTrue(registry.models().isEmpty());
    }

    @Test
    public void modelClassBelongsToOneAppOnly() {
        long first = add(app("blog").models(Post.class));
        long second = add(app("news").models(Post.class));
        assertEquals(AppState.READY, record(first).state());
        assertEquals(AppState.FAILED, record(second).state());
        assertContains(record(second).reason(), "model class " + Post.class.getName(), "already belongs to app 'blog'");
        registry.remove(first);
        assertEquals(AppState.READY, state("news"));
        assertSame(Post.class, registry.model("news.Post").type());
    }
}
