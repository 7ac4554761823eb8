package io.tessera.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;

/**
 * One memory run in a fresh JVM (started by {@link Benchmarks}, with a stop-the-world compacting
 * collector so heap-after-GC is exact): an embedded Felix with tessera-core (and, in mode
 * {@code tessera}, tessera-registry); heap after GC before the apps ({@code base}), then with
 * N app bundles started (and, with the registry, all READY) ({@code loaded}).
 * Prints {@code RESULT base=.. loaded=..} in bytes.
 *
 * <p>Arguments: {@code tessera|bare N jarsDir storageDir bundlesDir}.
 */
public final class MemoryRun {

    private MemoryRun() {
    }

    public static void main(String[] args) throws Exception {
        boolean tessera = args[0].equals("tessera");
        int n = Integer.parseInt(args[1]);
        Path jars = Path.of(args[2]);
        Path storage = Path.of(args[3]);
        Path bundles = Path.of(args[4]);

        Framework framework = Embedded.start(storage);
        try {
            BundleContext context = framework.getBundleContext();
            Embedded.Registry registry = ChurnCycle.startTessera(context, bundles, tessera);
            if (registry != null) {
                registry.counts(); // the registry's cached ordered lists exist in both measurements
            }
            long base = heapAfterGc();
            List<Bundle> started = ChurnCycle.up(context, registry, jars, n);
            ChurnCycle.check(registry, n, n);
            long loaded = heapAfterGc();
            Reference.reachabilityFence(started);
            Reference.reachabilityFence(registry);
            System.out.println("RESULT base=" + base + " loaded=" + loaded);
        } finally {
            Embedded.stop(framework);
            Embedded.deleteTree(storage);
        }
    }

    /** Heap in use after full collections, once it stops shrinking. */
    static long heapAfterGc() throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (i >= 2 && Math.abs(last - used) < 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
