package io.tessera.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * One churn cycle in an embedded Felix with tessera-core (and, if given its handle,
 * tessera-registry): install+start of N generated app bundles one after the other, until the
 * registry has all N READY, then stop+uninstall of all of them, until the registry is empty;
 * and the figures of its parts. Without the registry the apps still publish their AppConfig
 * services; nobody tracks them. Shared by the churn children ({@link ChurnAlternating},
 * {@link ChurnInterleaved}) and {@link MemoryRun}.
 */
final class ChurnCycle {

    private ChurnCycle() {
    }

    /**
     * The arguments of both churn children: {@code N jarsDir storageDir bundlesDir warmup warmupCycles
     * sizedWarmupCycles pairs [control]}.
     */
    record Args(int n, Path jars, Path storage, Path bundles, int warmup, int warmupCycles, int sizedWarmupCycles,
            int pairs, boolean control) {

        static Args parse(String[] args) {
            return new Args(Integer.parseInt(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                    Integer.parseInt(args[7]), args.length > 8 && args[8].equals("control"));
        }
    }

    /** A cycle's figures as {@code key_ns=value} pairs, as the harness reads them. */
    static String format(long[] t) {
        return "up_ns=" + t[0] + " down_ns=" + t[1] + " cpu_ns=" + t[8] + " install_ns=" + t[2] + " start_ns=" + t[3]
                + " settle_up_ns=" + t[4] + " stop_ns=" + t[5] + " uninstall_ns=" + t[6] + " settle_down_ns=" + t[7]
                + " activate_ns=" + t[9];
    }

    /** One timed cycle of {@code n}: its figures, process CPU included. */
    static long[] timedCycle(BundleContext context, Embedded.Registry registry, Path jars, int n) throws Exception {
        long cpu0 = processCpuNanos();
        long[] t = cycle(context, registry, jars, n);
        t[8] = processCpuNanos() - cpu0;
        return t;
    }

    /** CPU time of the whole process (all threads, JIT and GC included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Installs and starts tessera-core, and tessera-registry if asked; the registry's handle or null. */
    static Embedded.Registry startTessera(BundleContext context, Path bundles, boolean registry) throws Exception {
        Bundle core = context.installBundle(bundles.resolve("tessera-core.jar").toUri().toString());
        core.start();
        if (!registry) {
            return null;
        }
        Bundle reg = context.installBundle(bundles.resolve("tessera-registry.jar").toUri().toString());
        reg.start();
        return Embedded.Registry.in(context);
    }

    /** Installs and starts the first {@code n} app jars, one by one; the bundles, all READY if there is a registry. */
    static List<Bundle> up(BundleContext context, Embedded.Registry registry, Path jars, int n) throws Exception {
        return up(context, registry, jars, n, new long[4]);
    }

    /** As above; adds to {@code phases} the nanoseconds spent in {install, start, settle, activators}. */
    static List<Bundle> up(BundleContext context, Embedded.Registry registry, Path jars, int n, long[] phases)
            throws Exception {
        List<Bundle> started = new ArrayList<>(n);
        ActivationTimer activation = new ActivationTimer();
        context.addBundleListener(activation);
        try {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                Bundle b = context.installBundle(appJar(jars, i).toUri().toString());
                long t1 = System.nanoTime();
                b.start();
                phases[0] += t1 - t0;
                phases[1] += System.nanoTime() - t1;
                started.add(b);
            }
        } finally {
            context.removeBundleListener(activation);
        }
        long t2 = System.nanoTime();
        if (registry != null) {
            registry.awaitSettled(Duration.ofMinutes(5));
        }
        phases[2] += System.nanoTime() - t2;
        phases[3] += activation.total;
        return started;
    }

    /**
     * Time from each bundle's STARTING event to its STARTED event: its activator's {@code start},
     * which is where the registry does its work (the service registration calls it synchronously).
     * The same listener runs in both modes. Bundles are started one at a time, on this thread.
     */
    static final class ActivationTimer implements SynchronousBundleListener {
        long total;
        private long starting;

        @Override
        public void bundleChanged(BundleEvent event) {
            if (event.getType() == BundleEvent.STARTING) {
                starting = System.nanoTime();
            } else if (event.getType() == BundleEvent.STARTED && starting != 0) {
                total += System.nanoTime() - starting;
                starting = 0;
            }
        }
    }

    static Path appJar(Path jars, int i) {
        return jars.resolve(String.format("bench-app-%05d.jar", i));
    }

    /**
     * {up, down, install, start, settle after up, stop, uninstall, settle after down, (process CPU,
     * filled in by the caller), activators}, in nanoseconds; up and down are the timed figures,
     * the rest their parts.
     */
    static long[] cycle(BundleContext context, Embedded.Registry registry, Path jars, int n) throws Exception {
        long[] r = new long[10];
        long[] upPhases = new long[4];
        long t0 = System.nanoTime();
        List<Bundle> started = up(context, registry, jars, n, upPhases);
        r[0] = System.nanoTime() - t0;
        check(registry, n, n);

        long t1 = System.nanoTime();
        for (Bundle b : started) {
            long a = System.nanoTime();
            b.stop();
            long c = System.nanoTime();
            b.uninstall();
            r[5] += c - a;
            r[6] += System.nanoTime() - c;
        }
        long t2 = System.nanoTime();
        if (registry != null) {
            registry.awaitSettled(Duration.ofMinutes(5));
        }
        r[7] = System.nanoTime() - t2;
        r[1] = System.nanoTime() - t1;
        check(registry, 0, 0);
        System.arraycopy(upPhases, 0, r, 2, 3);
        r[9] = upPhases[3];
        return r;
    }

    static void check(Embedded.Registry registry, int apps, int ready) throws Exception {
        if (registry == null) {
            return;
        }
        int[] c = registry.counts();
        if (c[0] != apps || c[1] != ready) {
            throw new IllegalStateException("expected " + apps + " apps (" + ready + " READY), the registry has "
                    + c[0] + " (" + c[1] + " READY)");
        }
    }
}
