package io.tessera.runtime;

import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Makes Ctrl-C stop the runtime cleanly, also while the Gogo shell owns the terminal. jline
 * installs its own interrupt handler (several times) while the shell's terminal opens, and
 * jline's only starts a new prompt; so ours is put back whenever it was replaced: often while the
 * shell starts, then once a second for as long as the framework runs.
 */
final class CtrlC {

    private static final long STARTUP_MILLIS = 10_000;

    private CtrlC() {
    }

    static void stopsFramework(Framework framework) {
        SignalHandler ours = signal -> {
            System.out.println();
            try {
                framework.stop(); // the launcher's main thread sees the framework stop and exits
            } catch (BundleException e) {
                System.err.println("Tessera did not stop cleanly: " + e);
                System.exit(1);
            }
        };
        Signal interrupt = new Signal("INT");
        Thread watcher = new Thread(() -> {
            Signal.handle(interrupt, ours);
            long startupEnds = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STARTUP_MILLIS);
            while ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                Signal.handle(interrupt, ours);
                try {
                    // polling the signal table; there is nothing to wait on
                    Thread.sleep(System.nanoTime() < startupEnds ? 20 : 1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "tessera-ctrl-c");
        watcher.setDaemon(true);
        watcher.start();
    }
}
