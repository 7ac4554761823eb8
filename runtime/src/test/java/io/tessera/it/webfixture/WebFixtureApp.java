package io.tessera.it.webfixture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.AppActivator;
import io.tessera.core.Requirement;
import io.tessera.web.Routes;
import io.tessera.web.WebApp;

/**
 * The activator of every web app the tests generate ({@link io.tessera.it.WebTestApps}), copied into
 * each bundle; it reads what to be from its bundle's headers. Its routes: {@code GET /hello} says
 * {@code hello from <label> <version>}; {@code /form} takes GET and POST; {@code GET /boom} throws;
 * {@code GET /hold} waits for the test to release it; {@code /static/*} serves the bundle's
 * {@code static/} folder; {@code /own} is a whiteboard servlet the app registers itself, selecting
 * its context with {@link Routes#contextSelect()}. Latches the tests hand over through system
 * properties hold {@code ready()} and {@code stopping()} ({@code tessera.it.web.ready.<label>},
 * {@code tessera.it.web.stopping.<label>}) and {@code /hold} ({@code tessera.it.web.hold}, after
 * counting down {@code tessera.it.web.entered}).
 */
public class WebFixtureApp extends AppActivator implements WebApp {

    private Dictionary<String, String> headers;
    private ServiceRegistration<Servlet> own;

    @Override
    public void start(BundleContext context) throws Exception {
        headers = context.getBundle().getHeaders("");
        super.start(context);
    }

    @Override
    public String label() {
        return headers.get("X-Label");
    }

    @Override
    public List<Requirement> requires() {
        List<Requirement> out = new ArrayList<>();
        String spec = headers.get("X-Requires");
        if (spec != null) {
            for (String r : spec.split("\\|")) {
                out.add(Requirement.parse(r));
            }
        }
        return out;
    }

    @Override
    public String path() {
        return headers.get("X-Web-Path");
    }

    @Override
    public void routes(Routes routes) {
        String hello = "hello from " + label() + " " + headers.get("Bundle-Version");
        routes.get("/hello", (request, response) -> {
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().print(hello);
        });
        routes.get("/form", (request, response) -> response.getWriter().print("form of " + label()))
                .post("/form", (request, response) -> response.getWriter().print("posted to " + label()));
        routes.get("/boom", (request, response) -> {
            throw new IllegalStateException("boom in " + label());
        });
        routes.get("/hold", (request, response) -> {
            latch("tessera.it.web.entered").countDown();
            await(latch("tessera.it.web.hold"));
            response.getWriter().print("held " + label());
        });
        routes.resources("/static/*", "/static");
        if (own == null) { // once per bundle start: it stays registered while the app steps down and back
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("osgi.http.whiteboard.servlet.pattern", "/own");
            p.put("osgi.http.whiteboard.context.select", routes.contextSelect());
            own = context().registerService(Servlet.class, new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    response.getWriter().print("own servlet of " + label());
                }
            }, p);
        }
        String bad = headers.get("X-Bad-Route");
        if (bad != null) {
            routes.get(bad, (request, response) -> response.getWriter().print("never"));
        }
    }

    @Override
    public void ready() {
        await(latch("tessera.it.web.ready." + label()));
    }

    @Override
    public void stopping() {
        await(latch("tessera.it.web.stopping." + label()));
    }

    private static CountDownLatch latch(String key) {
        Object latch = System.getProperties().get(key);
        return latch instanceof CountDownLatch l ? l : new CountDownLatch(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released this latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
