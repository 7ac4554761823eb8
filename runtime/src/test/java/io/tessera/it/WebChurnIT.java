package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import io.tessera.core.AppActivation;
import io.tessera.core.App;
import io.tessera.core.AppState;

/**
 * Seeded churn with a burst of requests: threads stop, start, update, reinstall, disable and enable
 * web apps (some requiring others) while clients request their routes. Every answer must be the
 * app's own ({@code hello from <label> <version>}), 404, or 503 with Retry-After: never a 500,
 * another app's page, or a dropped connection. Once the registry settles, exactly the routes of
 * READY apps answer, with the version the registry lists. Replay with
 * {@code -Dtessera.webchurn.seed=<seed printed by the failing run>}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebChurnIT extends WebTestSupport {

    private static final int APPS = 10;
    private static final int CHURNERS = 3;
    private static final int OPERATIONS = 25;
    private static final int CLIENTS = 6;

    @Configuration
    public Option[] config() {
        return WebBundles.withWeb("WebChurnIT");
    }

    private static String label(int i) {
        return String.format("wc_%02d", i);
    }

    /** Odd apps require the one before them, so they wait while it is away. */
    private static WebTestApps app(int i, int version) {
        WebTestApps a = WebTestApps.app(label(i)).version(version + ".0.0");
        return i % 2 == 1 ? a.requires(label(i - 1)) : a;
    }

    @Test
    public void everyAnswerIsTheAppsOr404Or503AndAfterSettlingExactlyReadyAppsAnswer() throws Exception {
        awaitHttp();
        long seed = Long.getLong("tessera.webchurn.seed", System.nanoTime());
        System.out.println("WebChurnIT seed: " + seed + " (replay with -Dtessera.webchurn.seed=" + seed + ")");
        AppActivation activation = context.getService(context.getServiceReference(AppActivation.class));
        AtomicReferenceArray<Bundle> bundles = new AtomicReferenceArray<>(APPS);
        AtomicInteger versions = new AtomicInteger(1);
        ReentrantLock[] locks = new ReentrantLock[APPS];
        for (int i = 0; i < APPS; i++) {
            locks[i] = new ReentrantLock();
            bundles.set(i, installWeb(app(i, 1)));
            bundles.get(i).start();
        }
        settle();
        for (int i = 0; i < APPS; i++) {
            assertAnswer("/" + label(i) + "/hello", 200, "hello from " + label(i) + " 1.0.0");
        }

        Queue problems = new Queue();
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicBoolean churning = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Random random = new Random(seed + 1000 + c);
            Thread t = new Thread(() -> {
                while (churning.get()) {
                    request(label(random.nextInt(APPS)), problems, answers);
                }
            }, "web-client-" + c);
            clients.add(t);
            t.start();
        }
        CountDownLatch done = new CountDownLatch(CHURNERS);
        for (int c = 0; c < CHURNERS; c++) {
            Random random = new Random(seed + c);
            new Thread(() -> {
                try {
                    for (int n = 0; n < OPERATIONS; n++) {
                        int i = random.nextInt(APPS);
                        if (!locks[i].tryLock()) {
                            continue;
                        }
                        try {
                            operate(random.nextInt(6), i, bundles, versions, activation);
                        } catch (Exception e) {
                            problems.add("operation on " + label(i) + " threw " + e);
                        } finally {
                            locks[i].unlock();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "web-churner-" + c).start();
        }
        assertTrue("the churn did not finish", done.await(DEADLINE.toSeconds() * 6, java.util.concurrent.TimeUnit.SECONDS));
        churning.set(false);
        for (Thread t : clients) {
            t.join(DEADLINE.toMillis());
        }
        System.out.println("WebChurnIT answers: " + new TreeMap<>(answers));
        assertEquals("answers that are not the app's, 404 or 503", List.of(), problems.list());
        assertTrue("the clients got no 200 during the churn: " + answers, answers.containsKey("200"));

        for (int i = 0; i < APPS; i++) {
            activation.enable(label(i));
            if (bundles.get(i).getState() == Bundle.UNINSTALLED) {
                bundles.set(i, installWeb(app(i, versions.incrementAndGet())));
            }
        }
        settle();
        // the oracle of routes: exactly the READY apps answer, each with the version the registry lists
        int ready = 0;
        for (int i = 0; i < APPS; i++) {
            App app = registry.findApp(label(i)).orElse(null);
            String path = "/" + label(i) + "/hello";
            if (app != null && app.state() == AppState.READY) {
                ready++;
                assertAnswer(path, 200, "hello from " + label(i) + " " + app.version());
                assertEquals(200, send("POST", "/" + label(i) + "/form").statusCode());
            } else {
                assertAnswer(path, 404, null);
            }
        }
        // and all of them once every bundle runs
        for (int i = 0; i < APPS; i++) {
            bundles.get(i).start();
        }
        settle();
        for (int i = 0; i < APPS; i++) {
            assertEquals(registry.app(label(i)).reason(), AppState.READY, stateOf(label(i)));
            assertAnswer("/" + label(i) + "/hello", 200, "hello from " + label(i) + " " + registry.app(label(i)).version());
        }
        System.out.println("WebChurnIT: " + ready + " of " + APPS + " apps READY after the churn");
        assertAnswer("/wc_none/hello", 404, null);
    }

    private void operate(int op, int i, AtomicReferenceArray<Bundle> bundles, AtomicInteger versions,
            AppActivation activation) throws Exception {
        Bundle b = bundles.get(i);
        switch (op) {
            case 0 -> b.stop();
            case 1 -> b.start();
            case 2 -> b.update(new ByteArrayInputStream(app(i, versions.incrementAndGet()).build()));
            case 3 -> {
                b.uninstall();
                Bundle again = installWeb(app(i, versions.incrementAndGet()));
                bundles.set(i, again);
                again.start();
            }
            case 4 -> activation.disable(label(i));
            default -> activation.enable(label(i));
        }
    }

    private void request(String label, Queue problems, Map<String, AtomicInteger> answers) {
        String path = "/" + label + "/hello";
        try {
            HttpResponse<String> r = get(path);
            int status = r.statusCode();
            answers.computeIfAbsent(String.valueOf(status), k -> new AtomicInteger()).incrementAndGet();
            if (status == 200 && !r.body().matches("hello from " + label + " \\d+\\.0\\.0")) {
                problems.add("GET " + path + " answered 200 with '" + r.body() + "'");
            } else if (status == 503 && !"1".equals(r.headers().firstValue("Retry-After").orElse(null))) {
                problems.add("GET " + path + " answered 503 without Retry-After");
            } else if (status != 200 && status != 404 && status != 503) {
                problems.add("GET " + path + " answered " + status + ": " + r.body());
            }
        } catch (IOException e) {
            problems.add("GET " + path + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The problems seen, at most 20 kept (one is enough to fail). */
    private static final class Queue {
        private final ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();

        void add(String problem) {
            if (items.size() < 20) {
                items.add(problem);
            }
        }

        List<String> list() {
            return List.copyOf(items);
        }
    }
}
