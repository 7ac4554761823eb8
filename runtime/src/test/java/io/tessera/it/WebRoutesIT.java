package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import io.tessera.core.AppState;

/**
 * Apps' routes through the real Jetty: they answer only while their app is READY (404 when it is
 * stopped, waiting, disabled, uninstalled; 503 with Retry-After while it stops or starts during an
 * update), a second app claiming a path is FAILED with the holder named, a route that throws
 * answers 500 for that request only and is logged with its app, wrong methods get 405 with Allow,
 * unknown paths 404, and a request held in a route does not hold up the registry.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebRoutesIT extends WebTestSupport {

    @Configuration
    public Option[] config() {
        return WebBundles.withWeb("WebRoutesIT");
    }

    @Before
    public void webIsUp() throws Exception {
        awaitHttp();
    }

    @After
    public void enableAll() throws Exception {
        for (String label : List.of("w_dis")) {
            shell("apps:enable " + label);
        }
        System.getProperties().keySet().removeIf(k -> k.toString().startsWith("tessera.it.web."));
    }

    @Test
    public void aReadyAppsRoutesAnswerAndNothingElseDoes() throws Exception {
        startWeb(WebTestApps.app("w_ready"));
        assertEquals(AppState.READY, stateOf("w_ready"));
        assertAnswer("/w_ready/hello", 200, "hello from w_ready 1.0.0");
        assertEquals("text/plain;charset=utf-8", get("/w_ready/hello").headers().firstValue("Content-Type").orElse("")
                .replace(" ", "").toLowerCase());
        assertAnswer("/w_ready/form", 200, "form of w_ready");
        assertAnswer("/w_ready/static/page.txt", 200, "static page of w_ready");
        assertAnswer("/w_ready/static/none.txt", 404, null);
        assertAnswer("/w_ready/own", 200, "own servlet of w_ready");
        // unknown paths: under the app, under no app, the root, a path like a label with a typo
        assertAnswer("/w_ready/nothing", 404, null);
        assertAnswer("/w_ready/hello/more", 404, null);
        assertAnswer("/w_ready", 404, null);
        assertAnswer("/w_reddy/hello", 404, null);
        assertAnswer("/", 404, null);
        assertAnswer("/%2e%2e/w_ready/hello", 400, null);
    }

    @Test
    public void wrongMethodsGet405WithTheMethodsTheRouteTakes() throws Exception {
        startWeb(WebTestApps.app("w_methods"));
        HttpResponse<String> delete = send("DELETE", "/w_methods/hello");
        assertEquals(405, delete.statusCode());
        assertEquals("GET, HEAD, OPTIONS", delete.headers().firstValue("Allow").orElse(null));
        HttpResponse<String> put = send("PUT", "/w_methods/form");
        assertEquals(405, put.statusCode());
        assertEquals("GET, HEAD, OPTIONS, POST", put.headers().firstValue("Allow").orElse(null));
        HttpResponse<String> post = send("POST", "/w_methods/form");
        assertEquals(200, post.statusCode());
        assertEquals("posted to w_methods", post.body());
        HttpResponse<String> head = send("HEAD", "/w_methods/hello");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        HttpResponse<String> options = send("OPTIONS", "/w_methods/form");
        assertEquals(204, options.statusCode());
        assertEquals("GET, HEAD, OPTIONS, POST", options.headers().firstValue("Allow").orElse(null));
        assertEquals(405, send("BREW", "/w_methods/hello").statusCode());
    }

    @Test
    public void anAppThatIsNotReadyGets404() throws Exception {
        Bundle b = startWeb(WebTestApps.app("w_stop"));
        assertAnswer("/w_stop/hello", 200, "hello from w_stop 1.0.0");
        b.stop();
        settle();
        assertEquals(AppState.STOPPED, stateOf("w_stop"));
        assertAnswer("/w_stop/hello", 404, null);
        b.start();
        settle();
        assertAnswer("/w_stop/hello", 200, "hello from w_stop 1.0.0");
        b.uninstall();
        settle();
        assertAnswer("/w_stop/hello", 404, null);
    }

    @Test
    public void aDisabledAppGets404AndItsRoutesComeBackWhenEnabled() throws Exception {
        startWeb(WebTestApps.app("w_dis"));
        assertAnswer("/w_dis/own", 200, "own servlet of w_dis");
        shell("apps:disable w_dis");
        settle();
        assertEquals(AppState.DISABLED, stateOf("w_dis"));
        assertAnswer("/w_dis/hello", 404, null);
        // a whiteboard servlet the app registered itself in its context: still registered, gated the same
        assertAnswer("/w_dis/own", 404, null);
        shell("apps:enable w_dis");
        settle();
        assertEquals(AppState.READY, stateOf("w_dis"));
        assertAnswer("/w_dis/hello", 200, "hello from w_dis 1.0.0");
    }

    @Test
    public void aWaitingAppGets404() throws Exception {
        Bundle base = startWeb(WebTestApps.app("w_base"));
        startWeb(WebTestApps.app("w_top").requires("w_base"));
        assertAnswer("/w_top/hello", 200, "hello from w_top 1.0.0");
        base.stop();
        settle();
        assertEquals(AppState.WAITING, stateOf("w_top"));
        assertAnswer("/w_top/hello", 404, null);
        assertAnswer("/w_base/hello", 404, null);
        base.start();
        settle();
        assertAnswer("/w_top/hello", 200, "hello from w_top 1.0.0");
        // never READY: waiting from the start, its routes never answer
        startWeb(WebTestApps.app("w_orphan").requires("w_missing"));
        assertEquals(AppState.WAITING, stateOf("w_orphan"));
        assertAnswer("/w_orphan/hello", 404, null);
    }

    @Test
    public void duringAnUpdateTheAppAnswers503WithRetryAfter() throws Exception {
        Bundle b = startWeb(WebTestApps.app("w_upd"));
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch ready = new CountDownLatch(1);
        System.getProperties().put("tessera.it.web.stopping.w_upd", stopping);
        System.getProperties().put("tessera.it.web.ready.w_upd", ready);
        byte[] v2 = WebTestApps.app("w_upd").version("2.0.0").build();
        CompletableFuture<Void> update = CompletableFuture.runAsync(() -> {
            try {
                b.update(new java.io.ByteArrayInputStream(v2));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await("w_upd is STOPPING", () -> stateOf("w_upd") == AppState.STOPPING);
        assertUnavailable("/w_upd/hello");
        stopping.countDown();
        await("w_upd 2.0.0 is STARTING", () -> stateOf("w_upd") == AppState.STARTING
                && registry.app("w_upd").version().toString().equals("2.0.0"));
        assertUnavailable("/w_upd/hello");
        ready.countDown();
        update.get(20, TimeUnit.SECONDS);
        settle();
        assertAnswer("/w_upd/hello", 200, "hello from w_upd 2.0.0");
    }

    private void assertUnavailable(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals("GET " + path + ": " + r.body(), 503, r.statusCode());
        assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    public void aSecondAppClaimingAPathIsFailedNamingTheHolder() throws Exception {
        Bundle first = startWeb(WebTestApps.app("w_one").path("/shared"));
        Bundle second = startWeb(WebTestApps.app("w_two").path("/shared"));
        assertEquals(AppState.READY, stateOf("w_one"));
        assertEquals(AppState.FAILED, stateOf("w_two"));
        String reason = "web path '/shared' is already served by app 'w_one' (bundle " + first.getBundleId()
                + " test.web.w_one): give one of the two apps another path() (WebApp.path)";
        assertReason("w_two", reason);
        assertTrue(shell("apps:diag w_two"), shell("apps:diag w_two").contains(reason));
        assertAnswer("/shared/hello", 200, "hello from w_one 1.0.0");
        assertAnswer("/w_two/hello", 404, null);
        // inside another app's path, around it, the admin page's, and not a path at all
        startWeb(WebTestApps.app("w_inner").path("/shared/inner"));
        assertReason("w_inner", "web path '/shared/inner' is inside '/shared', served by app 'w_one' (bundle "
                + first.getBundleId() + " test.web.w_one): give one of the two apps another path() (WebApp.path)");
        startWeb(WebTestApps.app("w_admin").path("/tessera"));
        assertReason("w_admin", "web path '/tessera' is reserved for Tessera's admin page (/tessera/): choose another path()");
        startWeb(WebTestApps.app("w_slash").path("shop/"));
        assertReason("w_slash", "web path 'shop/' is not a path: write '/' followed by segments of letters, digits and"
                + " . _ ~ - with no trailing slash, such as '/shop' or '/shop/v2'");
        startWeb(WebTestApps.app("w_root").path("/"));
        assertReason("w_root", "web path '/' would take every request of every app: use a path of its own, such as"
                + " '/shop' (or leave path() out for '/<label>')");
        // the holder leaves: the path is free for the next app that asks (the refused one after a restart)
        first.stop();
        settle();
        second.stop();
        second.start();
        settle();
        assertEquals(registry.app("w_two").reason(), AppState.READY, stateOf("w_two"));
        assertAnswer("/shared/hello", 200, "hello from w_two 1.0.0");
    }

    /** FAILED, and the reason has the web layer's words whole (the registry names the participant around them). */
    private void assertReason(String label, String words) {
        String reason = registry.app(label).reason();
        assertEquals(reason, AppState.FAILED, stateOf(label));
        assertTrue("the reason of " + label + " is '" + reason + "'", reason.contains(words));
    }

    @Test
    public void aRouteDeclaredWronglyFailsItsAppWithWhatToWrite() throws Exception {
        startWeb(WebTestApps.app("w_badroute").badRoute("hello"));
        assertReason("w_badroute", "route pattern 'hello' is not a servlet pattern: write '/path', '/path/*', '*.ext',"
                + " '/' (everything else of the app) or \"\" (the app's root only)");
        startWeb(WebTestApps.app("w_twice").badRoute("/hello"));
        assertReason("w_twice", "route GET '/hello' is declared twice: keep one of them");
        assertAnswer("/w_twice/hello", 404, null);
    }

    @Test
    public void aRouteThatThrowsAnswers500ForThatRequestOnlyAndIsLoggedWithItsApp() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger("tessera.web");
        log.addHandler(capture);
        try {
            startWeb(WebTestApps.app("w_boom"));
            assertAnswer("/w_boom/boom?token=s3cret", 500, null);
            assertAnswer("/w_boom/hello", 200, "hello from w_boom 1.0.0");
            assertEquals(AppState.READY, stateOf("w_boom"));
            assertEquals(1, records.size());
            LogRecord r = records.get(0);
            assertEquals(Level.WARNING, r.getLevel());
            assertEquals("app 'w_boom': GET /w_boom/boom answered 500", r.getMessage());
            assertEquals(IllegalStateException.class.getName(), r.getThrown().getClass().getName());
            assertEquals("boom in w_boom", r.getThrown().getMessage());
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    public void aRequestInFlightDoesNotHoldUpTheRegistry() throws Exception {
        Bundle b = startWeb(WebTestApps.app("w_hold"));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        System.getProperties().put("tessera.it.web.entered", entered);
        System.getProperties().put("tessera.it.web.hold", hold);
        CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> {
            try {
                return get("/w_hold/hold");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue("the request reached the route", entered.await(20, TimeUnit.SECONDS));
        b.stop(); // returns while the request is still in the route
        settle();
        assertEquals(AppState.STOPPED, stateOf("w_hold"));
        assertAnswer("/w_hold/hello", 404, null);
        assertTrue("the held request is still in its route", !held.isDone());
        hold.countDown();
        HttpResponse<String> answer = held.get(20, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode());
        assertEquals("held w_hold", answer.body());
    }
}
