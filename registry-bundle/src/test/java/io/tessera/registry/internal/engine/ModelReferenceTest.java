package io.tessera.registry.internal.engine;

import static io.tessera.registry.internal.engine.TestApp.app;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;

import java.util.List;

import org.junit.Test;

import io.tessera.core.AppState;
import io.tessera.core.ModelRef;
import io.tessera.core.Requirement;

/** Apps whose models refer to models of other apps (@ModelRef). */
public class ModelReferenceTest extends RegistryTestSupport {

    record User(String name) {
    }

    record Group(String name) {
    }

    record Post(String title, @ModelRef("auth.User") long author) {
    }

    record Comment(String text, @ModelRef("blog.Post") long post, @ModelRef("blog.Missing") long other) {
    }

    @Test
    public void referenceToMissingAppKeepsAppWaitingNamingTheModel() {
        add(app("blog").models(Post.class));
        assertEquals(AppState.WAITING, state("blog"));
        assertContains(reason("blog"), "field Post.author refers to auth.User", "'auth', which is not installed");
        assertEquals(List.of(Requirement.of("auth")), registry.app("blog").requirements());
    }

    @Test
    public void referenceToMissingModelKeepsAppWaitingNamingTheModel() {
        add(app("auth").models(Group.class));
        add(app("blog").models(Post.class));
        assertEquals(AppState.WAITING, state("blog"));
        assertContains(reason("blog"), "field Post.author refers to auth.User", "has no model 'User'",
                "its models: Group");
        assertFalse(registry.findModel("blog.Post").isPresent());
    }

    @Test
    public void appBecomesReadyWhenTheReferencedModelArrives() {
        long auth = add(app("auth").models(Group.class));
        add(app("blog").models(Post.class));
        assertEquals(AppState.WAITING, state("blog"));
        registry.remove(auth);
        add(app("auth").models(User.class, Group.class));
        assertEquals(AppState.READY, state("blog"));
        assertSame(Post.class, registry.model("blog.Post").type());
    }

    @Test
    public void appLeavesReadyWhenTheReferencedModelGoes() {
        long auth = add(app("auth").models(User.class));
        TestApp blog = app("blog").models(Post.class);
        add(blog);
        assertEquals(AppState.READY, state("blog"));
        registry.remove(auth);
        assertEquals(1, blog.stoppingCalls.get());
        assertEquals(AppState.WAITING, state("blog"));
        add(app("auth").models(Group.class));
        assertEquals(AppState.WAITING, state("blog"));
        assertContains(reason("blog"), "has no model 'User'");
    }

    @Test
    public void referenceToAMissingModelOfItsOwnAppFails() {
        add(app("blog").models(Comment.class));
        assertEquals(AppState.FAILED, state("blog"));
        assertContains(reason("blog"), "refers to blog.Post", "has no model 'Post'");
    }
}
