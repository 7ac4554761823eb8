package io.tessera.registry.internal.engine;

import static io.tessera.registry.internal.engine.TestApp.app;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.osgi.framework.Version;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.core.LookupException;
import io.tessera.core.Model;
import io.tessera.registry.internal.index.AppRecord;
import io.tessera.registry.internal.index.Origin;

/** Derived views are never stale (C14); containing app (C15); toString (C18); settling (C19). */
public class ViewsConformanceTest extends RegistryTestSupport {

    record Post(String title) {
    }

    record Article(String title) {
    }

    @Test
    public void c14_viewsReflectAnArrivalImmediately() {
        assertTrue(registry.apps().isEmpty());
        assertTrue(registry.models().isEmpty());
        add(app("blog").named("io.example.blog").models(Post.class));
        assertEquals(List.of("blog"), registry.apps().stream().map(App::label).toList());
        assertEquals(List.of("blog.Post"), registry.models().stream().map(Model::key).toList());
        assertSame(Post.class, registry.model("blog.Post").type());
        assertTrue(registry.isInstalled("io.example.blog"));
        assertTrue(registry.appContaining(Post.class.getName()).isPresent());
    }

    @Test
    public void c14_noStaleViewsAfterRemove() {
        long id = add(app("blog").named("io.example.blog").models(Post.class));
        // warm every cache
        assertEquals(1, registry.apps().size());
        assertEquals(1, registry.models().size());
        assertSame(Post.class, registry.model("blog", "post").type());
        registry.remove(id);
        assertTrue(registry.apps().isEmpty());
        assertTrue(registry.models().isEmpty());
        assertFalse(registry.findApp("blog").isPresent());
        assertThrows(LookupException.class, () -> registry.app("blog"));
        assertThrows(LookupException.class, () -> registry.model("blog.Post"));
        assertThrows(LookupException.class, () -> registry.model("blog", "post"));
        assertFalse(registry.findModel("blog.post").isPresent());
        assertFalse(registry.isInstalled("io.example.blog"));
        assertFalse(registry.appContaining(Post.class.getName()).isPresent());
    }

    @Test
    public void c14_readdedAppShowsItsNewModelsOnly() {
        long id = add(app("blog").models(Post.class));
        assertSame(Post.class, registry.model("blog.Post").type());
        registry.remove(id);
        add(app("blog").models(Article.class));
        assertSame(Article.class, registry.model("blog.Article").type());
        assertFalse(registry.findModel("blog.Post").isPresent());
        assertEquals(List.of(Article.class), registry.models().stream().map(Model::type).toList());
    }

    @Test
    public void c14_duringItsStoppingHookAnAppIsSeenStoppingWithoutModels() {
        List<String> seen = new CopyOnWriteArrayList<>();
        TestApp blog = app("blog").models(Post.class);
        blog.onStopping(() -> {
            seen.add(registry.app("blog").state().name());
            seen.add(registry.apps().get(0).state().name());
            seen.add(String.valueOf(registry.findModel("blog.Post").isPresent()));
        });
        long id = add(blog);
        registry.remove(id);
        assertEquals(List.of("STOPPING", "STOPPING", "false"), seen);
    }

    @Test
    public void c14_duringItsStoppingHookAnAppIsSeenStoppingEvenWithARivalForItsLabel() {
        List<String> seen = new CopyOnWriteArrayList<>();
        TestApp blog = app("blog").named("io.example.blog").models(Post.class);
        long id = add(blog);
        long rival = add(app("blog").named("io.other.blog").models(Article.class));
        blog.onStopping(() -> {
            App byLabel = registry.app("blog");
            seen.add(((AppRecord) byLabel).id() + " " + byLabel.state());
            seen.add(String.valueOf(registry.findModel("blog.Post").isPresent()));
        });
        registry.remove(id);
        assertEquals(List.of(id + " STOPPING", "false"), seen);
        assertEquals(rival, ((AppRecord) registry.app("blog")).id());
        assertEquals(AppState.READY, state("blog"));
    }

    @Test
    public void c15_appContainingClassUsesTheBundleOfTheClass() throws InterruptedException {
        TesseraRegistry withBundles = new TesseraRegistry(type -> type == Post.class ? 77 : -1);
        try {
            withBundles.add(candidate(app("blog").models(Post.class),
                    new Origin(77, "io.example.blog", "file:/blog.jar", new Version("1.0.0"))));
            assertEquals("blog", withBundles.appContaining(Post.class).orElseThrow().label());
            assertEquals(Optional.empty(), withBundles.appContaining(String.class));
            assertEquals(Optional.empty(), withBundles.appContaining((Class<?>) null));
        } finally {
            withBundles.shutdown();
        }
    }

    @Test
    public void c15_appContainingNameMatchesPackagesOfConfigAndModels() {
        add(app("blog").models(Post.class));
        String pkg = Post.class.getPackageName();
        assertEquals("blog", registry.appContaining(pkg).orElseThrow().label());
        assertEquals("blog", registry.appContaining(pkg + ".Anything").orElseThrow().label());
        assertFalse(registry.appContaining("com.elsewhere.Thing").isPresent());
        assertFalse(registry.appContaining(pkg.substring(0, pkg.lastIndexOf('.'))).isPresent());
        assertFalse(registry.appContaining("").isPresent());
    }

    @Test
    public void c18_toStringIsShortAndOriginShowsTheBundle() {
        add(candidate(app("blog"), new Origin(12, "io.example.blog", "file:/apps/blog.jar", new Version("1.2.0"))));
        App blog = registry.app("blog");
        assertEquals("App[blog READY 1.2.0]", blog.toString());
        assertEquals("bundle 12 io.example.blog (file:/apps/blog.jar)", blog.origin());
        assertEquals(new Version("1.2.0"), blog.version());
        assertEquals("Blog", blog.verboseName());
    }

    @Test
    public void c19_settlingCanBeAwaitedButNotFromAHook() throws InterruptedException {
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        add(app("blog").onReady(() -> {
            try {
                registry.awaitSettled(Duration.ofSeconds(1));
            } catch (Throwable t) {
                thrown.add(t);
            }
        }));
        assertTrue(registry.awaitSettled(Duration.ofSeconds(5)));
        assertTrue(registry.isSettled());
        assertEquals(1, thrown.size());
        assertTrue(thrown.get(0) instanceof IllegalStateException);
        assertEquals(AppState.READY, state("blog"));
    }
}
