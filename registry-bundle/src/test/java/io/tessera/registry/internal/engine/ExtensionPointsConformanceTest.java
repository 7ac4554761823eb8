package io.tessera.registry.internal.engine;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

import io.tessera.core.AppState;
import io.tessera.core.Contribution;
import io.tessera.core.Registration;
import io.tessera.registry.internal.index.AppExtensions;
import io.tessera.registry.internal.index.Candidate;
import io.tessera.registry.internal.index.ContributionRecord;
import io.tessera.registry.internal.index.PointDeclaration;

/**
 * The engine's side of extension points, without a framework: a required point's app waits for a
 * contribution and steps down (after what needs it, before its contributor) when the last one
 * leaves; the view loses a contribution before the contributor's stopping() runs; listeners see
 * each change once, in order.
 */
public class ExtensionPointsConformanceTest extends RegistryTestSupport {

    /** The point of these tests (any interface: the engine keys on its name; nested, it shows as Outer.Inner). */
    interface Renderer {
    }

    public static final class Impl implements Renderer {
    }

    private static final String POINT = Renderer.class.getName();
    private static final String WAITING = "extension point decl.ExtensionPointsConformanceTest.Renderer requires a contribution; none of the READY"
            + " apps contributes one";

    private long declarer(TestApp app, boolean required) {
        Candidate c = candidate(app);
        return add(c.withExtensions(new AppExtensions(List.of(PointDeclaration.of(c.label(), POINT, required, false)),
                List.of(), List.of(), AppExtensions.Services.NONE)));
    }

    private long contributor(TestApp app, int rank) {
        Candidate c = candidate(app);
        ContributionRecord record = new ContributionRecord(c.id(), c.label(), c.origin().bundleId(), POINT, Impl.class,
                rank);
        return add(c.withExtensions(new AppExtensions(List.of(), List.of(record), List.of(),
                AppExtensions.Services.NONE)));
    }

    private List<String> view() {
        return registry.extensions(Renderer.class).all().stream().map(Contribution::app).toList();
    }

    @Test
    public void aRequiredPointWaitsForAContributionAndStepsDownInOrderWhenTheLastLeaves() {
        add(TestApp.app("user").requires("decl").onReady(() -> log.add("user:ready"))
                .onStopping(() -> log.add("user:stopping")));
        declarer(TestApp.app("decl").onReady(() -> log.add("decl:ready")).onStopping(() -> log.add("decl:stopping")),
                true);
        assertEquals(AppState.WAITING, state("decl"));
        assertEquals(WAITING, reason("decl"));
        assertEquals(AppState.WAITING, state("user"));

        long c = contributor(TestApp.app("contrib").onReady(() -> log.add("contrib:ready"))
                .onStopping(() -> log.add("contrib:stopping " + view())), 0);
        assertEquals(List.of("contrib:ready", "decl:ready", "user:ready"), log);
        assertEquals(AppState.READY, state("user"));

        log.clear();
        registry.remove(c);
        assertEquals("what needs the contribution steps down first; the view is empty in the contributor's stopping()",
                List.of("user:stopping", "decl:stopping", "contrib:stopping []"), log);
        assertEquals(AppState.WAITING, state("decl"));
        assertEquals(WAITING, reason("decl"));

        log.clear();
        contributor(TestApp.app("contrib2"), 0);
        assertEquals(List.of("decl:ready", "user:ready"), log);
    }

    @Test
    public void anOptionalPointLetsItsAppBeReadyAndTheViewIsOrderedByRankThenLabel() {
        declarer(TestApp.app("decl"), false);
        assertEquals(AppState.READY, state("decl"));
        contributor(TestApp.app("b"), 0);
        contributor(TestApp.app("a"), 0);
        long top = contributor(TestApp.app("z"), 2);
        assertEquals(List.of("z", "a", "b"), view());
        registry.remove(top);
        assertEquals(List.of("a", "b"), view());
        assertEquals("a", registry.extensions(Renderer.class).winner().orElseThrow().app());
    }

    @Test
    public void aListenerIsToldTheViewFirstThenEachChangeOnce() {
        List<String> seen = new ArrayList<>();
        Registration r = registry.onExtensionsChanged(Renderer.class,
                now -> seen.add(now.all().stream().map(Contribution::app).toList().toString()));
        settle();
        long one = contributor(TestApp.app("one"), 0);
        contributor(TestApp.app("two"), 1);
        add(TestApp.app("unrelated"));
        registry.remove(one);
        settle();
        assertEquals(List.of("[]", "[one]", "[two, one]", "[two]"), seen);
        r.close();
        contributor(TestApp.app("three"), 0);
        settle();
        assertEquals(4, seen.size());
    }
}
