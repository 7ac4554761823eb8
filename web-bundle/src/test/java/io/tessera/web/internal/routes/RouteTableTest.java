package io.tessera.web.internal.routes;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

import io.tessera.web.Handler;

public class RouteTableTest {

    private final Handler nothing = (request, response) -> { };
    private final RouteTable routes = new RouteTable("(osgi.http.whiteboard.context.name=tessera.app.x)");

    @Test
    public void servletPatternsOfEveryKindAreTaken() {
        for (String p : new String[] {"", "/", "/a", "/a/b", "/a/*", "/*", "*.txt", "/a.b"}) {
            routes.get(p, nothing);
        }
        assertEquals(8, routes.entries().size());
    }

    @Test
    public void somethingThatIsNoServletPatternIsRefusedWithWhatToWrite() {
        for (String p : new String[] {"a", "a/*", "/a*", "/*/a", "*.", "/a b", "/a?x", null}) {
            IllegalArgumentException e = assertThrows(String.valueOf(p), IllegalArgumentException.class, () -> routes.get(p, nothing));
            assertEquals("route pattern '" + p + "' is not a servlet pattern: write '/path', '/path/*', '*.ext', '/'"
                    + " (everything else of the app) or \"\" (the app's root only)", e.getMessage());
        }
    }

    @Test
    public void methodsOfOnePatternShareOneServletAndNoneIsDeclaredTwice() {
        routes.get("/form", nothing).post("/form", nothing).method("delete", "/form", nothing);
        assertEquals(1, routes.entries().size());
        assertEquals("route GET '/form' is declared twice: keep one of them",
                assertThrows(IllegalArgumentException.class, () -> routes.get("/form", nothing)).getMessage());
        assertEquals("route '/form' is declared twice (as a servlet, resources or handlers): keep one of them",
                assertThrows(IllegalArgumentException.class, () -> routes.resources("/form", "/static")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> routes.method("GE T", "/x", nothing));
        assertThrows(IllegalArgumentException.class, () -> routes.resources("/static/*", "static"));
    }

    @Test
    public void theContextSelectIsTheAppsContext() {
        assertEquals("(osgi.http.whiteboard.context.name=tessera.app.x)", routes.contextSelect());
        assertEquals("(osgi.http.whiteboard.context.name=tessera.app.blog)", AppWeb.contextSelect("blog"));
    }
}
