package io.tessera.registry.internal.engine;

import static io.tessera.registry.internal.engine.TestApp.app;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import io.tessera.core.AppEvent;
import io.tessera.core.AppState;
import io.tessera.core.Requirement;

/** Hooks and requirements: C17. */
public class LifecycleConformanceTest extends RegistryTestSupport {

    @Test
    public void c17_readyHookRunsExactlyOncePerActivation() {
        TestApp blog = app("blog");
        long first = add(blog);
        assertEquals(AppState.READY, state("blog"));
        assertEquals(1, blog.readyCalls.get());
        assertEquals(0, blog.stoppingCalls.get());
        registry.add(candidate(blog)); // a different id, same config: a rival, not a second activation
        assertEquals(1, blog.readyCalls.get());
        registry.remove(first);
        // the rival (same config object) takes over: that is a new activation
        assertEquals(2, blog.readyCalls.get());
        assertEquals(1, blog.stoppingCalls.get());
    }

    @Test
    public void c17_stoppingHookRunsOnRemovalAndAppIsReadyAgainWhenReadded() {
        TestApp blog = app("blog");
        long id = add(blog);
        registry.remove(id);
        assertEquals(1, blog.stoppingCalls.get());
        assertFalse(registry.findApp("blog").isPresent());
        add(blog);
        assertEquals(2, blog.readyCalls.get());
        assertEquals(1, blog.stoppingCalls.get());
    }

    @Test
    public void c17_readyHookRunsAfterRequirementsAreReady() {
        add(app("blog").requires("auth").onReady(() -> log.add("blog ready; auth " + state("auth"))));
        assertTrue(log.isEmpty());
        add(app("auth").onReady(() -> log.add("auth ready")));
        assertEquals(List.of("auth ready", "blog ready; auth READY"), log);
    }

    @Test
    public void c17_requirementCascadeStopsDependentsFirstAndRestartsThem() {
        TestApp auth = app("auth").onStopping(() -> log.add("auth stopping"));
        TestApp blog = app("blog").requires("auth")
                .onStopping(() -> log.add("blog stopping; blog " + state("blog") + ", auth " + state("auth")));
        TestApp admin = app("admin").requires("blog").onStopping(() -> log.add("admin stopping"));
        long authId = add(auth);
        add(blog);
        add(admin);
        assertEquals(AppState.READY, state("admin"));

        registry.remove(authId);
        assertEquals(List.of("admin stopping", "blog stopping; blog STOPPING, auth READY", "auth stopping"), log);
        assertEquals(AppState.WAITING, state("blog"));
        assertContains(reason("blog"), "requires 'auth', which is not installed");
        assertEquals(AppState.WAITING, state("admin"));
        assertContains(reason("admin"), "requires 'blog', which is WAITING");

        settle();
        long blogId = ((io.tessera.registry.internal.index.AppRecord) registry.app("blog")).id();
        List<AppEvent.Type> blogTypes = typesOf(blogId);
        int stopping = blogTypes.lastIndexOf(AppEvent.Type.STOPPING);
        assertTrue(blogTypes.toString(), stopping >= 0);
        assertEquals(blogTypes.toString(), AppEvent.Type.WAITING, blogTypes.get(stopping + 1));

        add(app("auth"));
        assertEquals(AppState.READY, state("blog"));
        assertEquals(AppState.READY, state("admin"));
        assertEquals(2, blog.readyCalls.get());
        assertEquals(1, blog.stoppingCalls.get());
        assertEquals(2, admin.readyCalls.get());
    }

    @Test
    public void c17_optionalRequirementNeverBlocksButStartsFirst() {
        add(app("blog").requires(Requirement.of("tags").optional()).requires("gate")
                .onReady(() -> log.add("blog")));
        add(app("tags").requires("gate").onReady(() -> log.add("tags")));
        assertEquals(AppState.WAITING, state("blog"));
        add(app("gate"));
        assertEquals("tags goes first although 'blog' < 'tags'", List.of("tags", "blog"), log);
        add(app("solo").requires(Requirement.of("absent").optional()));
        assertEquals(AppState.READY, state("solo"));
    }

    @Test
    public void c17_versionRangeMismatchKeepsAppWaiting() {
        add(app("auth"), "1.5.0");
        add(app("blog").requires(Requirement.of("auth", "[2.0,3.0)")));
        assertEquals(AppState.WAITING, state("blog"));
        assertContains(reason("blog"), "requires 'auth' [2.0.0,3.0.0)", "'auth' is version 1.5.0");
        add(app("shop").requires(Requirement.of("auth", "[1.0,2.0)")));
        assertEquals(AppState.READY, state("shop"));
    }

    @Test
    public void c17_missingRequirementReasonNamesLabelAndRange() {
        add(app("blog").requires(Requirement.of("auth", "[1.0,2.0)")));
        assertEquals(AppState.WAITING, state("blog"));
        assertEquals("requires 'auth' [1.0.0,2.0.0), which is not installed", reason("blog"));
    }

    @Test
    public void c17_cycleIsReportedOnEveryMemberNamingTheCycle() {
        add(app("a").requires("b"));
        add(app("b").requires("c"));
        long c = add(app("c").requires("a"));
        add(app("d").requires("a"));
        assertEquals(AppState.FAILED, state("a"));
        assertContains(reason("a"), "requirement cycle: a -> b -> c -> a");
        assertEquals(AppState.FAILED, state("b"));
        assertContains(reason("b"), "requirement cycle: b -> c -> a -> b");
        assertEquals(AppState.FAILED, state("c"));
        assertContains(reason("c"), "requirement cycle: c -> a -> b -> c");
        assertEquals("d is outside the cycle", AppState.WAITING, state("d"));

        registry.remove(c);
        assertEquals(AppState.WAITING, state("b"));
        assertContains(reason("b"), "requires 'c', which is not installed");
        assertEquals(AppState.WAITING, state("a"));
        assertFalse(reason("a").contains("cycle"));
    }

    @Test
    public void c17_throwingReadyHookFailsOnlyThatApp() {
        add(app("auth"));
        add(app("blog").requires("auth").onReady(() -> {
            throw new IllegalStateException("database is down");
        }));
        add(app("shop").requires("auth"));
        assertEquals(AppState.FAILED, state("blog"));
        assertContains(reason("blog"), "ready() threw IllegalStateException: database is down");
        assertEquals(AppState.READY, state("auth"));
        assertEquals(AppState.READY, state("shop"));
        add(app("news").requires("blog"));
        assertEquals(AppState.WAITING, state("news"));
        assertContains(reason("news"), "requires 'blog', which is FAILED");
    }

    @Test
    public void c17_throwingStoppingHookIsIgnored() {
        long id = add(app("blog").onStopping(() -> {
            throw new IllegalStateException("cannot stop");
        }));
        registry.remove(id);
        assertFalse(registry.findApp("blog").isPresent());
        settle();
        assertEquals(AppEvent.Type.REMOVED, typesOf(id).get(typesOf(id).size() - 1));
    }
}
