package io.tessera.bench;

import java.nio.file.Path;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;

/**
 * Churn with and without the registry in the same JVM and the same Felix: the registry bundle is
 * started for one cycle and stopped for the next, alternating, so both configurations run the
 * same compiled Felix code on the same heap. Separate JVMs differ by up to a third running the
 * very same configuration (the JIT compiles Felix differently each time), which hides a 10%
 * difference; here that noise is shared.
 *
 * <p>Untimed warm-up: {@code warmupCycles} cycles of {@code warmup} bundles, alternating, then,
 * if N is larger, {@code sizedWarmupCycles} cycles of N, alternating. Then {@code pairs} timed
 * pairs of cycles of N, which of the two goes first alternating from pair to pair. Prints
 * {@code PAIR i tessera <figures>} and {@code PAIR i bare <figures>} per pair ({@link ChurnCycle#format}).
 *
 * <p>With {@code control} as a last argument, the registry is never started: the "tessera" cycle
 * of each pair runs bare as well, so the pairs show the method's own noise (an A/A control).
 *
 * <p>Arguments: as {@link ChurnCycle.Args}.
 */
public final class ChurnAlternating {

    private ChurnAlternating() {
    }

    public static void main(String[] args) throws Exception {
        ChurnCycle.Args a = ChurnCycle.Args.parse(args);
        Path jars = a.jars();
        int n = a.n();
        Framework framework = Embedded.start(a.storage());
        try {
            BundleContext context = framework.getBundleContext();
            ChurnCycle.startTessera(context, a.bundles(), false);
            Bundle registry = context.installBundle(a.bundles().resolve("tessera-registry.jar").toUri().toString());
            for (int i = 0; i < a.warmupCycles(); i++) {
                ChurnCycle.cycle(context, registry(context, registry, i % 2 == 0 && !a.control()), jars, a.warmup());
            }
            for (int i = 0; i < a.sizedWarmupCycles() && n > a.warmup(); i++) {
                ChurnCycle.cycle(context, registry(context, registry, i % 2 == 0 && !a.control()), jars, n);
            }
            for (int p = 0; p < a.pairs(); p++) {
                for (int k = 0; k < 2; k++) {
                    boolean tessera = (p + k) % 2 == 0;
                    Embedded.Registry handle = registry(context, registry, tessera && !a.control());
                    System.gc();
                    Map<String, Long> threads0 = ThreadCpu.sample();
                    long[] t = ChurnCycle.timedCycle(context, handle, jars, n);
                    System.out.println("PAIR " + p + " " + (tessera ? "tessera" : "bare") + " " + ChurnCycle.format(t)
                            + " threads_cpu_ms=" + ThreadCpu.since(threads0));
                }
            }
        } finally {
            Embedded.stop(framework);
            Embedded.deleteTree(a.storage());
        }
    }

    /** Starts or stops the registry bundle; its handle when started. */
    private static Embedded.Registry registry(BundleContext context, Bundle registry, boolean on) throws Exception {
        if (!on) {
            registry.stop();
            return null;
        }
        registry.start();
        return Embedded.Registry.in(context);
    }
}
