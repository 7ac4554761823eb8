package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

import io.tessera.core.App;
import io.tessera.core.AppEvent;
import io.tessera.core.AppListener;
import io.tessera.core.AppState;

/**
 * Seeded, reproducible churn: 16 threads start, stop, update, uninstall and reinstall 100 app
 * bundles whose requirements form a random graph, for 20 seconds. Once the registry settles,
 * every app's state must equal what an independent oracle computes from the bundles' states,
 * their versions and the graph, and every app's event stream must be well-formed. A quarter of the
 * apps contribute to an extension point, which a steady app declares as required: after settling,
 * the point's view must be what the oracle computes from the READY apps (rank, then label), and
 * the declaring app READY exactly when that view is not empty.
 * Replay a failure with {@code -Dtessera.churn.seed=<seed printed by the failing run>}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ChurnOracleIT extends TesseraTestSupport {

    private static final int THREADS = 16;
    private static final int APPS = 100;
    private static final long CHURN_MILLIS = Long.getLong("tessera.churn.millis", 20_000);
    private static final VersionRange ONE_X = new VersionRange("[1.0,2.0)");

    @Configuration
    public Option[] config() {
        return tesseraOptions("ChurnOracleIT");
    }

    /** One app of the graph: it requires apps with smaller indexes, some only in the 1.x range. */
    private record Node(String label, Map<Integer, VersionRange> requires) {
        TestBundles bundle(Version version) {
            List<String> specs = new ArrayList<>();
            requires.forEach((i, range) -> specs.add(ChurnOracleIT.label(i) + (range == null ? "" : " " + range)));
            TestBundles b = TestBundles.app(label).version(version.toString());
            int i = Integer.parseInt(label.substring("node_".length()));
            if (contributes(i)) {
                b.contributes(i % 2 == 0 ? "UpperRenderer" : "LowerRenderer", TestBundles.POINT, rank(i));
            }
            return specs.isEmpty() ? b : b.requires(specs.toArray(String[]::new));
        }
    }

    /** Whether app {@code i} contributes to the extension point. */
    private static boolean contributes(int i) {
        return i % 4 == 1;
    }

    private static int rank(int i) {
        return i % 3 - 1;
    }

    /** The app that declares the extension point, as required; it is not churned. */
    private static final String DECLARER = "churn_points";

    private static String label(int i) {
        return String.format("node_%03d", i);
    }

    @Test
    public void statesMatchTheOracleAfterSeededChurn() throws Exception {
        long seed = Long.getLong("tessera.churn.seed", System.nanoTime());
        System.out.println("ChurnOracleIT seed: " + seed + " (replay with -Dtessera.churn.seed=" + seed + ")");
        Random random = new Random(seed);
        List<Node> graph = randomGraph(random);
        EventLog events = new EventLog();
        ServiceRegistration<AppListener> listener = context.registerService(AppListener.class, events, null);
        installAndStart(TestBundles.app(DECLARER).models().declaresPoint(true, false));
        assertEquals(AppState.WAITING, stateOf(DECLARER));

        AtomicReferenceArray<Bundle> slots = new AtomicReferenceArray<>(APPS);
        ReentrantLock[] slotLocks = new ReentrantLock[APPS];
        for (int i = 0; i < APPS; i++) {
            slotLocks[i] = new ReentrantLock();
            slots.set(i, install(graph.get(i).bundle(new Version(1, 0, 0))));
        }
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger operations = new AtomicInteger();
        long end = System.currentTimeMillis() + CHURN_MILLIS;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random r = new Random(seed * 31 + t);
            Thread thread = new Thread(() -> {
                try {
                    while (System.currentTimeMillis() < end) {
                        int i = r.nextInt(APPS);
                        if (churnOnce(r, graph.get(i), i, slots, slotLocks[i])) {
                            operations.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "churn-" + t);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(CHURN_MILLIS + DEADLINE.toMillis());
            if (thread.isAlive()) {
                fail(thread.getName() + " is stuck (seed " + seed + ")\n" + threadDump());
            }
        }
        assertTrue("churn threads failed (seed " + seed + "): " + errors, errors.isEmpty());
        if (!registry.awaitSettled(DEADLINE)) {
            fail("the registry did not settle (seed " + seed + ")\n" + threadDump());
        }
        listener.unregister();
        System.out.println("ChurnOracleIT: " + operations + " operations, " + events.size() + " events");
        assertTrue("too little churn to mean anything: " + operations, operations.get() > 200);

        Map<String, AppState> expected = oracle(graph, slots, ran);
        assertEquals("states differ from the oracle (seed " + seed + ")", expected, actual());
        List<String> view = viewOracle(expected);
        System.out.println("ChurnOracleIT: the extension point's view holds " + view.size() + " contributions");
        assertEquals("the extension point's view differs from the oracle (seed " + seed + ")", view,
                registry.extensions(io.tessera.it.fixture.ext.Renderer.class).all().stream()
                        .map(c -> c.app() + ":" + c.rank()).toList());
        assertEquals("the app with the required point (seed " + seed + "): " + registry.app(DECLARER).reason(),
                view.isEmpty() ? AppState.WAITING : AppState.READY, stateOf(DECLARER));
        events.assertWellFormed(registry.apps(), seed);
        for (int i = 0; i < APPS; i++) {
            Bundle b = slots.get(i);
            if (b != null && b.getState() != Bundle.UNINSTALLED) {
                b.uninstall();
            }
        }
        assertExamplesReady();
    }

    private static List<Node> randomGraph(Random random) {
        List<Node> graph = new ArrayList<>();
        for (int i = 0; i < APPS; i++) {
            Map<Integer, VersionRange> requires = new TreeMap<>();
            int count = i == 0 ? 0 : random.nextInt(Math.min(i, 3) + 1);
            while (requires.size() < count) {
                requires.put(random.nextInt(i), random.nextInt(3) == 0 ? ONE_X : null);
            }
            graph.add(new Node(label(i), requires));
        }
        return graph;
    }

    /** One random operation on one app's bundle; {@code false} if the framework refused it (contention). */
    private boolean churnOnce(Random r, Node node, int i, AtomicReferenceArray<Bundle> slots, ReentrantLock lock)
            throws BundleException {
        int op = r.nextInt(10);
        Bundle b = slots.get(i);
        try {
            if (op < 4 && b != null) {
                b.start();
                ran.add(b);
            } else if (op < 7 && b != null) {
                b.stop();
            } else if (op < 8 && b != null) {
                Version v = r.nextInt(4) == 0 ? new Version(2, 0, 0) : new Version(1, r.nextInt(9) + 1, 0);
                b.update(new ByteArrayInputStream(node.bundle(v).build()));
            } else if (lock.tryLock()) {
                try {
                    Bundle current = slots.get(i);
                    if (current != null) {
                        current.uninstall();
                        slots.set(i, null);
                    } else {
                        Bundle fresh = install(node.bundle(new Version(1, r.nextInt(9), 0)));
                        slots.set(i, fresh);
                        if (r.nextBoolean()) {
                            fresh.start();
                            ran.add(fresh);
                        }
                    }
                } finally {
                    lock.unlock();
                }
            } else {
                return false;
            }
            return true;
        } catch (BundleException | IllegalStateException contended) {
            // another thread holds the bundle's lock, or uninstalled it first: the framework says so
            return false;
        }
    }

    /** Bundles that published their app at least once (a start returned): known as apps while stopped. */
    private final Set<Bundle> ran = ConcurrentHashMap.newKeySet();

    /** What the states must be, computed from the bundles and the graph alone. */
    private static Map<String, AppState> oracle(List<Node> graph, AtomicReferenceArray<Bundle> slots, Set<Bundle> ran) {
        Map<String, AppState> expected = new TreeMap<>();
        Map<Integer, Boolean> ready = new HashMap<>();
        for (int i = 0; i < APPS; i++) { // requirements point at smaller indexes: already decided
            Bundle b = slots.get(i);
            boolean present = b != null && b.getState() == Bundle.ACTIVE;
            boolean met = true;
            for (Map.Entry<Integer, VersionRange> req : graph.get(i).requires().entrySet()) {
                Bundle dep = slots.get(req.getKey());
                met &= ready.get(req.getKey()) && (req.getValue() == null || req.getValue().includes(dep.getVersion()));
            }
            ready.put(i, present && met);
            if (present) {
                expected.put(label(i), met ? AppState.READY : AppState.WAITING);
            } else if (b != null && b.getState() != Bundle.UNINSTALLED && ran.contains(b)) {
                expected.put(label(i), AppState.STOPPED); // installed, not running: listed under the label it published
            }
        }
        return expected;
    }

    /** The contributions the point's view must list: those of READY apps, by rank (higher first), then label. */
    private static List<String> viewOracle(Map<String, AppState> states) {
        List<Integer> ready = new ArrayList<>();
        for (int i = 0; i < APPS; i++) {
            if (contributes(i) && states.get(label(i)) == AppState.READY) {
                ready.add(i);
            }
        }
        ready.sort((a, b) -> rank(a) != rank(b) ? Integer.compare(rank(b), rank(a)) : label(a).compareTo(label(b)));
        return ready.stream().map(i -> label(i) + ":" + rank(i)).toList();
    }

    private Map<String, AppState> actual() {
        Map<String, AppState> actual = new TreeMap<>();
        for (App a : registry.apps()) {
            if (a.label().startsWith("node_")) {
                actual.put(a.label(), a.state());
            }
        }
        return actual;
    }

    private static String threadDump() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, trace) -> {
            out.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement e : trace) {
                out.append("    at ").append(e).append('\n');
            }
        });
        return out.toString();
    }

    /** Records every event and checks each app's stream: lifecycles of INSTALLED ... REMOVED, chained states. */
    private static final class EventLog implements AppListener {

        private final List<AppEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void appChanged(AppEvent event) {
            events.add(event);
        }

        int size() {
            return events.size();
        }

        void assertWellFormed(List<App> finalApps, long seed) {
            Map<String, List<AppEvent>> byApp = new TreeMap<>();
            long lastSequence = 0;
            for (AppEvent e : List.copyOf(events)) {
                if (e.sequence() == 0) {
                    continue; // replayed to us on registration: the present, not a change
                }
                assertTrue("sequence must increase: " + e, e.sequence() > lastSequence);
                lastSequence = e.sequence();
                if (e.app().label().startsWith("node_")) {
                    byApp.computeIfAbsent(e.app().label() + "@" + e.app().bundleId(), k -> new ArrayList<>()).add(e);
                }
            }
            Map<String, AppState> finalStates = new HashMap<>();
            finalApps.forEach(a -> finalStates.put(a.label() + "@" + a.bundleId(), a.state()));
            byApp.forEach((app, stream) -> {
                AppState state = null;
                boolean open = false;
                for (AppEvent e : stream) {
                    String where = "seed " + seed + ", " + app + " at " + e + " in " + stream;
                    if (e.type() == AppEvent.Type.INSTALLED) {
                        assertTrue("INSTALLED while the previous lifecycle is open: " + where, !open);
                        open = true;
                    } else {
                        assertTrue("event outside a lifecycle: " + where, open);
                        assertEquals("previous state does not chain: " + where, state, e.previousState());
                        if (e.type() == AppEvent.Type.READY) {
                            assertEquals("READY not after STARTING: " + where, AppState.STARTING, state);
                        }
                        if (e.type() == AppEvent.Type.STOPPING) {
                            assertEquals("STOPPING not after READY: " + where, AppState.READY, state);
                        }
                        open = e.type() != AppEvent.Type.REMOVED;
                    }
                    state = e.type() == AppEvent.Type.REMOVED ? null : e.app().state();
                }
                assertEquals("the stream's last state is not the app's state: " + app, finalStates.get(app), state);
            });
        }
    }
}
