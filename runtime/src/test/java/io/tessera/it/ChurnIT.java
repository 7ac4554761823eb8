package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import io.tessera.core.App;
import io.tessera.core.AppState;

/**
 * Many threads start and stop app bundles at once; afterwards the index must match exactly the
 * set of active app bundles.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ChurnIT extends TesseraTestSupport {

    private static final int THREADS = 8;
    private static final int BUNDLES = 50;
    private static final long CHURN_MILLIS = 4_000;

    @Configuration
    public Option[] config() {
        return tesseraOptions("ChurnIT");
    }

    @Test
    public void indexMatchesActiveBundlesAfterConcurrentChurn() throws Exception {
        long seed = Long.getLong("tessera.churn.seed", System.nanoTime());
        System.out.println("ChurnIT seed: " + seed + " (replay with -Dtessera.churn.seed=" + seed + ")");
        List<Bundle> bundles = new ArrayList<>();
        for (int i = 0; i < BUNDLES; i++) {
            bundles.add(install(TestBundles.app(String.format("churn_%02d", i))));
        }
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long end = System.currentTimeMillis() + CHURN_MILLIS;
        int[] operations = new int[THREADS];
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(seed + t);
            int index = t;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    while (System.currentTimeMillis() < end) {
                        Bundle b = bundles.get(random.nextInt(BUNDLES));
                        try {
                            if (random.nextBoolean()) {
                                b.start();
                            } else {
                                b.stop();
                            }
                            operations[index]++;
                        } catch (BundleException | IllegalStateException contended) {
                            // another thread holds the bundle's lock: the framework says so, nothing is wrong
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "churn-" + t);
            threads.add(thread);
            thread.start();
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(CHURN_MILLIS + DEADLINE.toMillis());
            assertTrue(thread.getName() + " did not finish", !thread.isAlive());
        }
        assertTrue("churn threads failed: " + errors, errors.isEmpty());
        settle();

        Map<String, Boolean> expected = new TreeMap<>();
        Map<String, Boolean> actual = new TreeMap<>();
        for (Bundle b : bundles) {
            String label = b.getSymbolicName().substring("test.".length());
            expected.put(label, b.getState() == Bundle.ACTIVE);
            actual.put(label, registry.findApp(label).map(App::isReady).orElse(false));
        }
        assertEquals(expected, actual);
        for (App a : registry.apps()) {
            if (a.label().startsWith("churn_")) {
                boolean active = context.getBundle(a.bundleId()).getState() == Bundle.ACTIVE;
                // a bundle that ran and was stopped is listed STOPPED under the label it published
                assertEquals(a.toString(), active ? AppState.READY : AppState.STOPPED, a.state());
                if (active) {
                    assertEquals(a.label() + ".Alpha", registry.model(a.label() + ".Alpha").key());
                }
            }
        }
        int total = 0;
        for (int n : operations) {
            total += n;
        }
        assertTrue("too little churn to mean anything: " + total + " operations", total > 100);
        assertExamplesReady();
    }
}
