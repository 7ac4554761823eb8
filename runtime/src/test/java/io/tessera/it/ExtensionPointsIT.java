package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.AppEvent;
import io.tessera.core.AppListener;
import io.tessera.core.AppState;
import io.tessera.core.Contribution;
import io.tessera.core.Extensions;
import io.tessera.core.Registration;
import io.tessera.it.fixture.ext.Renderer;

/**
 * Extension points (issue 18) in a real framework through the real shell: the example pair
 * (blog's PostRenderer, markdown's renderer), the order of a point's view and its winner, a
 * contribution gone before its app's stopping() returns, listeners in order with app events, a
 * required point keeping its app WAITING and bringing it back, and bad contributions reported in
 * apps:diag without affecting anything else. Generated apps declare and contribute to the fixture
 * point {@link Renderer} with the headers bnd writes from {@code @ExtensionPoint} and {@code @Contributes}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExtensionPointsIT extends TesseraTestSupport {

    private static final String POINT = TestBundles.POINT;
    private static final String BLOG_POINT = "io.tessera.example.blog.render.PostRenderer";

    @Configuration
    public Option[] config() {
        return tesseraOptions("ExtensionPointsIT");
    }

    /** The apps contributing to the fixture point, in the view's order. */
    private List<String> contributors() {
        return registry.extensions(Renderer.class).all().stream().map(Contribution::app).toList();
    }

    private Bundle bundleOf(String label) {
        return context.getBundle(registry.app(label).bundleId());
    }

    @Test
    public void theBlogUsesTheMarkdownRendererOfTheExamplesAndOsgiCodeSeesItToo() throws Exception {
        assertExamplesReady();
        assertEquals("blog.PostRenderer (" + BLOG_POINT + ")\n"
                + "  declared by: blog READY\n"
                + "  kind:        optional, single winner\n"
                + "  contributions (rank, then app label):\n"
                + "    1. markdown: io.tessera.example.markdown.MarkdownRenderer (rank 0) winner\n",
                shell("apps:extensions blog.PostRenderer"));
        assertEquals("the class name finds it too", shell("apps:extensions blog.PostRenderer"),
                shell("apps:extensions " + BLOG_POINT));

        ServiceReference<?>[] refs = context.getServiceReferences(BLOG_POINT, null);
        assertNotNull("the contribution is an OSGi service under the point's interface", refs);
        assertEquals(1, refs.length);
        assertEquals("markdown", refs[0].getProperty("tessera.app.label"));
        Object renderer = context.getService(refs[0]);
        try {
            assertEquals("<p><strong>bold</strong> and <em>plain</em></p>\n",
                    renderer.getClass().getMethod("render", String.class).invoke(renderer, "**bold** and *plain*"));
        } finally {
            context.ungetService(refs[0]);
        }

        Bundle markdown = bundleOf("markdown");
        markdown.stop();
        assertEquals("blog.PostRenderer (" + BLOG_POINT + ")\n"
                + "  declared by: blog READY\n"
                + "  kind:        optional, single winner\n"
                + "  contributions: none\n", shell("apps:extensions blog.PostRenderer"));
        assertNull("the service left with the app", context.getServiceReferences(BLOG_POINT, null));
        assertEquals("an optional point: the blog stays READY", AppState.READY, stateOf("blog"));
        markdown.start();
        assertTrue(shell("apps:extensions"), shell("apps:extensions").contains("1. markdown: "));
        assertExamplesReady();
    }

    @Test
    public void theViewIsOrderedByRankThenLabelAndTheWinnerIsItsFirst() throws Exception {
        installAndStart(TestBundles.app("decl_order").models().declaresPoint(false, true));
        assertEquals(List.of(), contributors());
        assertTrue(registry.extensions(Renderer.class).winner().isEmpty());

        installAndStart(TestBundles.app("c_bravo").models().contributes("UpperRenderer", POINT, 0));
        installAndStart(TestBundles.app("c_alpha").models().contributes("LowerRenderer", POINT, 0));
        installAndStart(TestBundles.app("c_zulu").models().contributes("UpperRenderer", POINT, 5));
        installAndStart(TestBundles.app("c_minus").models().contributes("LowerRenderer", POINT, -3));
        assertEquals(List.of("c_zulu", "c_alpha", "c_bravo", "c_minus"), contributors());
        Extensions<Renderer> view = registry.extensions(Renderer.class);
        assertEquals("c_zulu", view.winner().orElseThrow().app());
        assertEquals(List.of(5, 0, 0, -3), view.all().stream().map(Contribution::rank).toList());
        assertEquals(POINT, view.point());
        assertEquals("decl_order.Renderer (" + POINT + ")\n"
                + "  declared by: decl_order READY\n"
                + "  kind:        optional, single winner\n"
                + "  contributions (rank, then app label):\n"
                + "    1. c_zulu: " + POINT_PACKAGE + ".UpperRenderer (rank 5) winner\n"
                + "    2. c_alpha: " + POINT_PACKAGE + ".LowerRenderer (rank 0)\n"
                + "    3. c_bravo: " + POINT_PACKAGE + ".UpperRenderer (rank 0)\n"
                + "    4. c_minus: " + POINT_PACKAGE + ".LowerRenderer (rank -3)\n",
                shell("apps:extensions decl_order.Renderer"));
        Object winner = view.winner().orElseThrow().get();
        assertEquals("HELLO", winner.getClass().getMethod("render", String.class).invoke(winner, "Hello"));
        assertTrue("one instance per contribution", winner == view.winner().orElseThrow().get());

        // all: this test's bundle holds its own copy of the interface, so the filtered lookup would hide them
        ServiceReference<?>[] services = context.getAllServiceReferences(POINT, null);
        assertEquals(4, services.length);
        ServiceReference<?> best = Collections.max(Arrays.asList(services));
        assertEquals("OSGi's own ranking picks the same winner", "c_zulu", best.getProperty("tessera.app.label"));

        // a disabled app is not READY, so its contribution leaves the view; it comes back with it
        assertTrue(shell("apps:disable c_zulu").contains("c_zulu"));
        assertEquals(List.of("c_alpha", "c_bravo", "c_minus"), contributors());
        assertEquals("c_alpha", registry.extensions(Renderer.class).winner().orElseThrow().app());
        shell("apps:enable c_zulu");
        assertEquals(List.of("c_zulu", "c_alpha", "c_bravo", "c_minus"), contributors());
        assertTrue("a snapshot does not change", view.all().size() == 4 && view != registry.extensions(Renderer.class));

        assertEquals("No extension point 'decl_order.Rendrer'. Did you mean 'decl_order.Renderer'?\n",
                shell("apps:extensions decl_order.Rendrer"));
    }

    private static final String POINT_PACKAGE = TestBundles.POINT_PACKAGE;

    @Test
    public void aContributionIsGoneFromTheViewBeforeItsAppsStoppingReturns() throws Exception {
        installAndStart(TestBundles.app("decl_gone").models().declaresPoint(false, false));
        installAndStart(TestBundles.app("c_stays").models().contributes("LowerRenderer", POINT, 0));
        Bundle leaving = installAndStart(TestBundles.app("c_leaves").models().contributes("UpperRenderer", POINT, 0)
                .seesExtensionsWhenStopping());
        assertEquals(List.of("c_leaves", "c_stays"), contributors());

        leaving.stop();
        assertTrue(journal.toString(), journal.contains("c_leaves:stopping sees [c_stays]"));
        assertEquals(List.of("c_stays"), contributors());

        leaving.start();
        assertEquals(List.of("c_leaves", "c_stays"), contributors());
        journal.clear();
        leaving.uninstall(); // leaving for good: the same
        assertTrue(journal.toString(), journal.contains("c_leaves:stopping sees [c_stays]"));
        assertEquals(List.of("c_stays"), contributors());
    }

    @Test
    public void listenersAreToldInOrderWithAppEvents() throws Exception {
        installAndStart(TestBundles.app("decl_listen").models().declaresPoint(false, false));
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AppListener apps = e -> {
            if (e.sequence() > 0 && e.app().label().startsWith("l_")) {
                seen.add(e.app().label() + " " + e.type());
            }
        };
        ServiceRegistration<AppListener> appListener = context.registerService(AppListener.class, apps, null);
        Registration views = registry.onExtensionsChanged(Renderer.class, now -> seen.add("view "
                + now.all().stream().map(Contribution::app).collect(Collectors.joining(", ", "[", "]"))));
        try {
            settle();
            assertEquals("told the view as it is on registration", List.of("view []"), seen);

            Bundle one = installAndStart(TestBundles.app("l_one").models().contributes("UpperRenderer", POINT, 0));
            Bundle two = installAndStart(TestBundles.app("l_two").models().contributes("LowerRenderer", POINT, 1));
            one.stop();
            two.uninstall();
            settle();
            assertEquals(List.of("view []",
                    "l_one INSTALLED", "l_one STARTING", "l_one READY", "view [l_one]",
                    "l_two INSTALLED", "l_two STARTING", "l_two READY", "view [l_two, l_one]",
                    // a stopped bundle's app is listed STOPPED (a new INSTALLED), and then leaves as it is uninstalled
                    "l_one STOPPING", "view [l_two]", "l_one REMOVED", "l_one INSTALLED",
                    "l_two STOPPING", "view []", "l_two REMOVED", "l_two INSTALLED", "l_two REMOVED"), seen);
        } finally {
            views.close();
            appListener.unregister();
        }
        seen.clear();
        installAndStart(TestBundles.app("l_three").models().contributes("UpperRenderer", POINT, 0));
        settle();
        assertFalse("a closed registration is told nothing: " + seen, seen.stream().anyMatch(s -> s.startsWith("view")));
    }

    @Test
    public void aRequiredPointKeepsItsAppWaitingUntilAContributionComesAndAgainWhenTheLastLeaves() throws Exception {
        installAndStart(TestBundles.app("needs_r").models().declaresPoint(true, false));
        String reason = "extension point needs_r.Renderer requires a contribution; none of the READY apps contributes one";
        assertEquals(AppState.WAITING, stateOf("needs_r"));
        assertEquals(reason, registry.app("needs_r").reason());
        assertTrue(shell("apps:diag"), shell("apps:diag").contains("needs_r WAITING: " + reason + "\n"));
        assertTrue(shell("apps:extensions needs_r.Renderer"),
                shell("apps:extensions needs_r.Renderer").contains("  kind:        required, many contributions\n"
                        + "  contributions: none (needs_r waits for one)\n"));

        Bundle contributor = installAndStart(TestBundles.app("r_first").models().contributes("UpperRenderer", POINT, 0));
        assertEquals(AppState.READY, stateOf("needs_r"));
        assertTrue(journal.toString(), journal.indexOf("r_first:ready") < journal.indexOf("needs_r:ready"));

        Bundle second = installAndStart(TestBundles.app("r_second").models().contributes("LowerRenderer", POINT, 0));
        second.stop();
        assertEquals("another contribution is left: it stays READY", AppState.READY, stateOf("needs_r"));

        journal.clear();
        contributor.stop();
        assertEquals(AppState.WAITING, stateOf("needs_r"));
        assertEquals(reason, registry.app("needs_r").reason());
        assertEquals("the app that needs the contribution steps down first",
                List.of("needs_r:stopping", "r_first:stopping"), List.copyOf(journal));

        second.start();
        assertEquals(AppState.READY, stateOf("needs_r"));
        shell("apps:disable r_second");
        assertEquals(AppState.WAITING, stateOf("needs_r"));
        assertEquals(reason, registry.app("needs_r").reason());
        shell("apps:enable r_second");
        assertEquals(AppState.READY, stateOf("needs_r"));
        assertExamplesReady();
    }

    @Test
    public void anAppMayContributeToItsOwnRequiredPoint() throws Exception {
        installAndStart(TestBundles.app("self_r").models().declaresPoint(true, false)
                .contributes("UpperRenderer", POINT, 0));
        assertEquals(registry.app("self_r").reason(), AppState.READY, stateOf("self_r"));
        assertEquals(List.of("self_r"), contributors());
    }

    @Test
    public void badContributionsAreReportedInDiagWithTheirAppAndNothingElseIsAffected() throws Exception {
        installAndStart(TestBundles.app("decl_bad").models().declaresPoint(false, false));
        Bundle bad = installAndStart(TestBundles.app("c_wrong").models().contributes("NotARenderer", POINT, 9)
                .contributes("UpperRenderer", POINT, 0));
        assertEquals("the app itself is fine", AppState.READY, stateOf("c_wrong"));
        assertEquals("only its sound contribution is in the view", List.of("c_wrong"), contributors());
        assertEquals(POINT_PACKAGE + ".UpperRenderer",
                registry.extensions(Renderer.class).all().get(0).implementation());
        String diag = shell("apps:diag");
        assertTrue(diag, diag.contains("app 'c_wrong' (bundle " + bad.getBundleId() + "): contribution " + POINT_PACKAGE
                + ".NotARenderer to extension point " + POINT + ": " + POINT_PACKAGE + ".NotARenderer does not implement "
                + POINT + ", so it is left out of the point; implement the interface or contribute another class\n"));
        assertTrue(shell("apps:check"), shell("apps:check").contains("WARNING app 'c_wrong' (bundle "));

        // a point no app declares: the bundle carries its own copy of the interface, which nobody declares
        Bundle lonely = installAndStart(TestBundles.app("c_lonely").models().header("Tessera-Extensions",
                POINT_PACKAGE + ".LowerRenderer;point=\"" + POINT_PACKAGE + ".Nowhere\";rank=\"0\","
                        + POINT_PACKAGE + ".UpperRenderer;point=\"" + POINT_PACKAGE + ".UpperRenderer\";rank=\"0\""));
        assertEquals(AppState.READY, stateOf("c_lonely"));
        diag = shell("apps:diag");
        assertTrue(diag, diag.contains("app 'c_lonely' (bundle " + lonely.getBundleId() + "): contribution " + POINT_PACKAGE
                + ".LowerRenderer to extension point " + POINT_PACKAGE + ".Nowhere: the bundle cannot load the point's"
                + " interface (java.lang.ClassNotFoundException: " + POINT_PACKAGE + ".Nowhere"));
        assertTrue(diag, diag.contains("app 'c_lonely' (bundle " + lonely.getBundleId() + "): contribution " + POINT_PACKAGE
                + ".UpperRenderer names extension point " + POINT_PACKAGE + ".UpperRenderer, which no app declares;"
                + " install (or start) the app that declares it, or check that the interface is marked @ExtensionPoint\n"));
        assertTrue(shell("apps:extensions"), shell("apps:extensions").contains(POINT_PACKAGE + ".UpperRenderer (declared by no app)\n"));

        // a header that cannot be read, and a rank that is not a number
        Bundle garbled = installAndStart(TestBundles.app("c_garbled").models().importsPoint().header("Tessera-Extensions",
                POINT_PACKAGE + ".UpperRenderer;point=\"" + POINT + "\";rank=\"high\""));
        assertEquals(AppState.READY, stateOf("c_garbled"));
        assertTrue(shell("apps:diag"), shell("apps:diag").contains("app 'c_garbled' (bundle " + garbled.getBundleId()
                + "): contribution " + POINT_PACKAGE + ".UpperRenderer to extension point " + POINT
                + " has rank 'high', which is not a whole number\n"));

        assertEquals(List.of("c_wrong"), contributors());
        assertEquals(AppState.READY, stateOf("decl_bad"));
        assertExamplesReady();
        bad.uninstall();
        lonely.uninstall();
        garbled.uninstall();
        assertFalse(shell("apps:diag"), shell("apps:diag").contains("contribution "));
    }
}
