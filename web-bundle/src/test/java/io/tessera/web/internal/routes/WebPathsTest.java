package io.tessera.web.internal.routes;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Optional;

import org.junit.Test;

public class WebPathsTest {

    private final WebPaths paths = new WebPaths();

    @Test
    public void anAppsPathIsItsLabelUnlessItDeclaresOne() {
        assertEquals("/blog", WebPaths.pathOf("blog", null));
        assertEquals("/news", WebPaths.pathOf("blog", "/news"));
    }

    @Test
    public void validPathsAreSegmentsWithoutATrailingSlash() {
        for (String ok : new String[] {"/shop", "/shop/v2", "/a.b_c~d-e", "/x/y/z"}) {
            assertEquals(ok, Optional.empty(), WebPaths.invalid(ok));
        }
        for (String bad : new String[] {"shop", "/shop/", "//shop", "/sh op", "/shop/*", "/shöp", "/a?b"}) {
            assertTrue(bad, WebPaths.invalid(bad).orElse("").contains("is not a path"));
        }
        assertTrue(WebPaths.invalid("/").orElseThrow().contains("would take every request"));
        assertTrue(WebPaths.invalid("").orElseThrow().contains("would take every request"));
        assertTrue(WebPaths.invalid("/tessera").orElseThrow().contains("reserved for Tessera's admin page"));
        assertTrue(WebPaths.invalid("/tessera/api").orElseThrow().contains("reserved"));
        assertEquals(Optional.empty(), WebPaths.invalid("/tesseract"));
    }

    @Test
    public void aPathHeldByOneAppIsRefusedToAnotherWithTheHolderNamed() {
        assertEquals(Optional.empty(), paths.claim("/shop", "app 'shop' (bundle 12 s)"));
        assertEquals(Optional.of("web path '/shop' is already served by app 'shop' (bundle 12 s): give one of the two apps"
                + " another path() (WebApp.path)"), paths.claim("/shop", "app 'other' (bundle 13 o)"));
        assertEquals(Optional.of("web path '/shop/admin' is inside '/shop', served by app 'shop' (bundle 12 s): give one"
                + " of the two apps another path() (WebApp.path)"), paths.claim("/shop/admin", "app 'admin' (bundle 14 a)"));
        assertEquals(Optional.empty(), paths.claim("/shopping", "app 'shopping' (bundle 15 x)"));
        assertEquals(Optional.empty(), paths.claim("/other/shop", "app 'o' (bundle 16 x)"));
        assertEquals(Optional.of("web path '/other' holds '/other/shop', served by app 'o' (bundle 16 x): give one of the"
                + " two apps another path() (WebApp.path)"), paths.claim("/other", "app 'p' (bundle 17 x)"));
    }

    @Test
    public void aReleasedPathCanBeClaimedAgainAndOnlyItsHolderReleasesIt() {
        paths.claim("/shop", "A");
        paths.release("/shop", "B");
        assertTrue(paths.claim("/shop", "B").isPresent());
        paths.release("/shop", "A");
        assertEquals(Optional.empty(), paths.claim("/shop", "B"));
        assertEquals(1, paths.size());
    }

    @Test
    public void theHolderClaimingAgainKeepsItsPath() {
        paths.claim("/shop", "A");
        assertEquals(Optional.empty(), paths.claim("/shop", "A"));
        assertEquals(1, paths.size());
    }
}
