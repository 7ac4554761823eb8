package io.tessera.registry.internal.engine;

import static io.tessera.registry.internal.engine.TestApp.app;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.Test;

import io.tessera.core.Model;
import io.tessera.core.ModelOperation;
import io.tessera.core.Registration;

/** Lazy model operations (C16). */
public class ModelOperationsConformanceTest extends RegistryTestSupport {

    record Post(String title) {
    }

    record User(String name) {
    }

    /** Records each callback in {@link #log} as "name: keys" or "name unavailable: key". */
    private ModelOperation op(String name) {
        return new ModelOperation() {
            @Override
            public void available(List<Model> models) {
                log.add(name + ": " + models.stream().map(Model::key).collect(Collectors.joining(",")));
            }

            @Override
            public void unavailable(Model model) {
                log.add(name + " unavailable: " + model.key());
            }
        };
    }

    @Test
    public void c16_runsOnceWhenAllModelsArePresentNotBefore() {
        registry.whenModelsReady(op("op"), "blog.Post", "auth.User");
        add(app("auth").models(User.class));
        settle();
        assertTrue(log.toString(), log.isEmpty());
        add(app("blog").models(Post.class));
        settle();
        assertEquals(List.of("op: blog.Post,auth.User"), log);
        add(app("other"));
        settle();
        assertEquals("not again for unrelated changes", 1, log.size());
    }

    @Test
    public void c16_runsAtOnceWhenModelsAreAlreadyPresent() {
        add(app("blog").models(Post.class));
        registry.whenModelsReady(op("op"), "blog.post");
        settle();
        assertEquals(List.of("op: blog.Post"), log);
    }

    @Test
    public void c16_severalOperationsMayWaitOnOneModel() {
        registry.whenModelsReady(op("one"), "blog.Post");
        registry.whenModelsReady(op("two"), "blog.Post");
        add(app("blog").models(Post.class));
        settle();
        assertEquals(List.of("one: blog.Post", "two: blog.Post"), log);
    }

    @Test
    public void c16_repeatedKeysAreFineAndModelsComeInTheOrderAsked() {
        add(app("auth").models(User.class));
        add(app("blog").models(Post.class));
        registry.whenModelsReady(op("op"), "auth.User", "blog.Post", "auth.user", "blog.POST");
        settle();
        assertEquals(List.of("op: auth.User,blog.Post,auth.User,blog.Post"), log);
    }

    @Test
    public void c16_labelIsCaseSensitive() {
        add(app("blog").models(Post.class));
        registry.whenModelsReady(op("op"), "Blog.Post");
        settle();
        assertTrue(log.toString(), log.isEmpty());
    }

    @Test
    public void c16_toldWhenAModelLeavesAndAgainWhenItReturns() {
        add(app("auth").models(User.class));
        long blog = add(app("blog").models(Post.class));
        registry.whenModelsReady(op("op"), "auth.User", "blog.Post");
        settle();
        registry.remove(blog);
        settle();
        assertEquals(List.of("op: auth.User,blog.Post", "op unavailable: blog.Post"), log);
        add(app("blog").models(Post.class));
        settle();
        assertEquals(List.of("op: auth.User,blog.Post", "op unavailable: blog.Post", "op: auth.User,blog.Post"),
                log);
    }

    @Test
    public void c16_unavailableOnlyOnceWhenSeveralModelsLeave() {
        long auth = add(app("auth").models(User.class));
        add(app("blog").models(Post.class).requires("auth"));
        registry.whenModelsReady(op("op"), "auth.User", "blog.Post");
        registry.remove(auth); // blog stops too
        settle();
        assertEquals(List.of("op: auth.User,blog.Post", "op unavailable: blog.Post"), log);
    }

    @Test
    public void c16_closedOperationIsNotCalledAgain() {
        Registration r = registry.whenModelsReady(op("op"), "blog.Post");
        long blog = add(app("blog").models(Post.class));
        settle();
        r.close();
        r.close();
        registry.remove(blog);
        add(app("blog").models(Post.class));
        settle();
        assertEquals(List.of("op: blog.Post"), log);
    }

    @Test
    public void c16_throwingOperationDoesNotHarmOthers() {
        registry.whenModelsReady(models -> {
            throw new IllegalStateException("bad operation");
        }, "blog.Post");
        registry.whenModelsReady(op("good"), "blog.Post");
        add(app("blog").models(Post.class));
        settle();
        assertEquals(List.of("good: blog.Post"), log);
    }

    @Test
    public void c16_operationAfterAQuietSpellSeesWhichModelsLeftMeanwhile() {
        long blog = add(app("blog").models(Post.class));
        Registration first = registry.whenModelsReady(op("first"), "blog.Post");
        settle();
        first.close();
        registry.removeListener(recorder); // now nobody listens: events are not queued
        settle();
        registry.remove(blog);
        add(app("auth").models(User.class));
        settle();
        registry.whenModelsReady(op("second"), "blog.Post");
        registry.whenModelsReady(op("third"), "auth.User");
        settle();
        assertEquals(List.of("first: blog.Post", "third: auth.User"), log);
        add(app("blog").models(Post.class));
        settle();
        assertEquals(List.of("first: blog.Post", "third: auth.User", "second: blog.Post"), log);
    }
}
