package io.tessera.registry.internal.engine;

import static io.tessera.registry.internal.engine.TestApp.app;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.core.LookupException;
import io.tessera.core.Model;

/** Looking apps and models up: C01-C05, C09. */
public class LookupConformanceTest extends RegistryTestSupport {

    record Post(String title) {
    }

    record Comment(String text) {
    }

    record BlogPost(String body) {
    }

    @Test
    public void c01_appIsFoundByLabel() {
        add(app("blog").named("io.example.blog"));
        App blog = registry.app("blog");
        assertEquals("blog", blog.label());
        assertEquals("io.example.blog", blog.name());
        assertEquals(AppState.READY, blog.state());
        assertTrue(registry.findApp("blog").isPresent());
    }

    @Test
    public void c01_unknownLabelRaisesLookupErrorWithSuggestion() {
        add(app("blog"));
        add(app("auth"));
        LookupException e = assertThrows(LookupException.class, () -> registry.app("blgo"));
        assertEquals(List.of("blog"), e.suggestions());
        assertContains(e.getMessage(), "No app with label 'blgo'.", "Did you mean 'blog'?");
        assertFalse(registry.findApp("blgo").isPresent());
    }

    @Test
    public void c01_unknownLabelWithNothingCloseListsInstalledLabels() {
        add(app("blog"));
        add(app("auth"));
        LookupException e = assertThrows(LookupException.class, () -> registry.app("zzzzzzzz"));
        assertTrue(e.suggestions().isEmpty());
        assertContains(e.getMessage(), "Installed apps: auth, blog.");
    }

    @Test
    public void c02_lookingUpByFullNameSuggestsTheLabel() {
        add(app("blog").named("io.example.blog"));
        LookupException e = assertThrows(LookupException.class, () -> registry.app("io.example.blog"));
        assertEquals(List.of("blog"), e.suggestions());
        assertContains(e.getMessage(), "full name of app 'blog'", "Did you mean 'blog'?");
    }

    @Test
    public void c03_modelIsFoundByLabelAndName() {
        add(app("blog").models(Post.class, Comment.class));
        Model post = registry.model("blog", "Post");
        assertEquals("blog.Post", post.key());
        assertSame(Post.class, post.type());
        assertEquals(post, registry.model("blog.Post"));
        assertEquals(post, registry.findModel("blog.Post").orElseThrow());
    }

    @Test
    public void c03_modelNameIsCaseInsensitive() {
        add(app("blog").models(BlogPost.class));
        assertSame(BlogPost.class, registry.model("blog", "blogpost").type());
        assertSame(BlogPost.class, registry.model("blog", "BLOGPOST").type());
        assertSame(BlogPost.class, registry.model("blog.blogPost").type());
        assertSame(BlogPost.class, registry.findModel("blog.BLOGPOST").orElseThrow().type());
    }

    @Test
    public void c03_appLabelIsCaseSensitive() {
        add(app("blog").models(Post.class));
        LookupException e = assertThrows(LookupException.class, () -> registry.model("Blog", "Post"));
        assertContains(e.getMessage(), "'Blog'", "Did you mean 'blog'?");
        assertThrows(LookupException.class, () -> registry.model("BLOG.Post"));
        assertFalse(registry.findModel("Blog.Post").isPresent());
        assertThrows(LookupException.class, () -> registry.app("Blog"));
    }

    @Test
    public void c04_unknownModelNamesTheAppsModels() {
        add(app("blog").models(Post.class, Comment.class));
        LookupException e = assertThrows(LookupException.class, () -> registry.model("blog", "Article"));
        assertContains(e.getMessage(), "App 'blog' has no model 'Article'.", "Its models: Post, Comment.");
        LookupException typo = assertThrows(LookupException.class, () -> registry.model("blog.Psot"));
        assertEquals(List.of("Post"), typo.suggestions());
        assertContains(typo.getMessage(), "Did you mean 'Post'?");
        assertFalse(registry.findModel("blog.Article").isPresent());
    }

    @Test
    public void c04_keyWithoutDotIsAnArgumentError() {
        add(app("blog").models(Post.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.model("blogPost"));
        assertContains(e.getMessage(), "'blogPost'", "app_label.ModelName");
        assertFalse("findModel never throws for a bad key", registry.findModel("blogPost").isPresent());
        assertThrows(IllegalArgumentException.class, () -> registry.whenModelsReady(m -> { }, "blogPost"));
    }

    @Test
    public void c04_modelsOfAnAppThatIsNotReadyAreNotFound() {
        add(app("blog").models(Post.class).requires("auth"));
        assertEquals(AppState.WAITING, state("blog"));
        LookupException e = assertThrows(LookupException.class, () -> registry.model("blog.Post"));
        assertContains(e.getMessage(), "App 'blog' is WAITING", "requires 'auth'");
        assertFalse(registry.findModel("blog.Post").isPresent());
        assertTrue("the app itself still lists its models", registry.app("blog").model("post").isPresent());
    }

    @Test
    public void c05_isInstalledOnlyForReadyAppsByFullName() {
        add(app("blog").named("io.example.blog").requires("auth"));
        assertEquals(AppState.WAITING, state("blog"));
        assertFalse(registry.isInstalled("io.example.blog"));
        add(app("auth").named("io.example.auth"));
        assertEquals(AppState.READY, state("blog"));
        assertTrue(registry.isInstalled("io.example.blog"));
        assertTrue(registry.isInstalled("io.example.auth"));
        assertFalse("by name, not by label", registry.isInstalled("blog"));
        assertFalse(registry.isInstalled(null));
    }

    @Test
    public void c05_failedAppIsNotInstalled() {
        add(app("blog").named("io.example.blog").onReady(() -> {
            throw new IllegalStateException("no");
        }));
        assertEquals(AppState.FAILED, state("blog"));
        assertFalse(registry.isInstalled("io.example.blog"));
    }

    @Test
    public void c09_labelMayDifferFromName() {
        add(app("weblog").named("io.example.blog").models(Post.class));
        App app = registry.app("weblog");
        assertEquals("io.example.blog", app.name());
        assertEquals("weblog.Post", registry.model("weblog.Post").key());
        assertTrue(registry.isInstalled("io.example.blog"));
        assertThrows(LookupException.class, () -> registry.app("blog"));
        assertThrows(LookupException.class, () -> registry.model("blog.Post"));
    }

    @Test
    public void c09_nameDefaultsToBundleSymbolicName() {
        long id = add(app("blog"));
        App app = registry.app("blog");
        assertEquals(app.symbolicName(), app.name());
        assertEquals(id, record(id).id());
        assertTrue(registry.isInstalled(app.symbolicName()));
    }
}
