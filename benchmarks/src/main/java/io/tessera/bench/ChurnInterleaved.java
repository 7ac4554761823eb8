package io.tessera.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;

/**
 * Churn with and without the registry in two frameworks of one JVM, side by side: each app bundle
 * is installed and started in one framework and then in the other (which goes first alternating
 * from bundle to bundle and from cycle to cycle), and stopped and uninstalled the same way, each
 * operation timed on its own. Whatever the machine does meanwhile (the other tenant, the JIT, the
 * clock speed) then reaches both within microseconds instead of within the seconds that separate
 * two cycles of {@link ChurnAlternating}, so a cycle's ratio is far steadier.
 *
 * <p>What this method shares, and so cannot show: a collector pause lands on whichever operation
 * is running, so the collector's extra work for the registry's garbage is spread over both (the
 * alternating method shows it, at N=5000 only); and both frameworks run on one warm cache, so each
 * pays for the other's data pushing its own out.
 *
 * <p>A pair is one cycle of N; its figures are each framework's sum of its own operations, plus,
 * for the registry's framework, the wait until it has settled (as in {@link ChurnCycle#cycle}).
 * {@code cpu} is the main thread's CPU time in that framework's operations. Prints the same lines
 * as {@link ChurnAlternating}.
 *
 * <p>Arguments: as {@link ChurnCycle.Args}; with {@code control}, the registry is started in neither
 * framework (an A/A control).
 */
public final class ChurnInterleaved {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int TESSERA = 0;
    private static final int BARE = 1;

    private final BundleContext[] contexts;
    private final Embedded.Registry registry;
    private final Path jars;

    private ChurnInterleaved(BundleContext[] contexts, Embedded.Registry registry, Path jars) {
        this.contexts = contexts;
        this.registry = registry;
        this.jars = jars;
    }

    public static void main(String[] args) throws Exception {
        ChurnCycle.Args a = ChurnCycle.Args.parse(args);
        int n = a.n();
        Framework withRegistry = Embedded.start(a.storage().resolve("tessera"));
        Framework bare = Embedded.start(a.storage().resolve("bare"));
        try {
            BundleContext t = withRegistry.getBundleContext();
            BundleContext b = bare.getBundleContext();
            ChurnInterleaved churn = new ChurnInterleaved(new BundleContext[] {t, b},
                    ChurnCycle.startTessera(t, a.bundles(), !a.control()), a.jars());
            ChurnCycle.startTessera(b, a.bundles(), false);
            for (int i = 0; i < a.warmupCycles(); i++) {
                churn.cycle(a.warmup(), i % 2);
            }
            for (int i = 0; i < a.sizedWarmupCycles() && n > a.warmup(); i++) {
                churn.cycle(n, i % 2);
            }
            for (int p = 0; p < a.pairs(); p++) {
                System.gc();
                long[][] r = churn.cycle(n, p % 2);
                System.out.println("PAIR " + p + " tessera " + ChurnCycle.format(r[TESSERA]));
                System.out.println("PAIR " + p + " bare " + ChurnCycle.format(r[BARE]));
            }
        } finally {
            Embedded.stop(withRegistry);
            Embedded.stop(bare);
            Embedded.deleteTree(a.storage());
        }
    }

    /**
     * One cycle of {@code n} in both frameworks; per framework, the figures of {@link ChurnCycle#cycle}
     * (with the main thread's CPU time as {@code cpu}). Bundle {@code i} goes first in the
     * framework {@code (i + parity) % 2}.
     */
    private long[][] cycle(int n, int parity) throws Exception {
        long[][] r = new long[2][10];
        List<String> locations = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            locations.add(ChurnCycle.appJar(jars, i).toUri().toString());
        }
        List<List<Bundle>> started = List.of(new ArrayList<>(n), new ArrayList<>(n));
        ChurnCycle.ActivationTimer[] activation = {new ChurnCycle.ActivationTimer(), new ChurnCycle.ActivationTimer()};
        for (int f = 0; f < 2; f++) {
            contexts[f].addBundleListener(activation[f]);
        }
        try {
            inTurn(n, parity, r, 2, (f, i) -> started.get(f).add(contexts[f].installBundle(locations.get(i))),
                    3, (f, i) -> started.get(f).get(i).start());
        } finally {
            for (int f = 0; f < 2; f++) {
                contexts[f].removeBundleListener(activation[f]);
            }
        }
        r[TESSERA][4] = settle();
        ChurnCycle.check(registry, n, n);

        inTurn(n, parity, r, 5, (f, i) -> started.get(f).get(i).stop(), 6, (f, i) -> started.get(f).get(i).uninstall());
        r[TESSERA][7] = settle();
        ChurnCycle.check(registry, 0, 0);
        for (int f = 0; f < 2; f++) {
            r[f][0] = r[f][2] + r[f][3] + r[f][4];
            r[f][1] = r[f][5] + r[f][6] + r[f][7];
            r[f][9] = activation[f].total;
        }
        return r;
    }

    /** One operation on bundle {@code i} in framework {@code f}. */
    private interface Step {
        void run(int f, int i) throws Exception;
    }

    /**
     * For each of the {@code n} bundles, in one framework and then the other (bundle {@code i} first in
     * framework {@code (i + parity) % 2}), runs {@code first} then {@code second}, adding their wall times
     * to the framework's figures {@code firstSlot} and {@code secondSlot} and the main thread's CPU time
     * to its {@code cpu}.
     */
    private static void inTurn(int n, int parity, long[][] r, int firstSlot, Step first, int secondSlot, Step second)
            throws Exception {
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                int f = (i + parity + k) % 2;
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                first.run(f, i);
                long t1 = System.nanoTime();
                second.run(f, i);
                long t2 = System.nanoTime();
                r[f][8] += THREADS.getCurrentThreadCpuTime() - c0;
                r[f][firstSlot] += t1 - t0;
                r[f][secondSlot] += t2 - t1;
            }
        }
    }

    /** How long the registry took to settle after the last change; 0 without a registry. */
    private long settle() throws Exception {
        if (registry == null) {
            return 0;
        }
        long t0 = System.nanoTime();
        registry.awaitSettled(Duration.ofMinutes(5));
        return System.nanoTime() - t0;
    }
}
