package io.tessera.bench.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;

import io.tessera.core.AppEvent;
import io.tessera.core.AppListener;

/**
 * The deploy benchmark's observer inside the runtime, deployed as its own bundle: an
 * {@link AppListener} that appends a line for every READY, FAILED and REMOVED event of a
 * benchmark app (label {@code bench_*}), and a synchronous bundle listener that appends one when a
 * benchmark bundle is STARTED (ACTIVE) or UNINSTALLED. Each line is
 * {@code TYPE name epochMicros}, stamped when the event reached the probe; the file's path is in
 * the {@value #FILE_HEADER} manifest header.
 */
public final class Probe implements BundleActivator, AppListener, SynchronousBundleListener {

    public static final String FILE_HEADER = "Tessera-Bench-Probe-File";
    /** Only bundles with this symbolic-name prefix and apps with this label prefix are reported. */
    public static final String PREFIX = "bench";

    private Path file;
    private ServiceRegistration<AppListener> registration;

    @Override
    public void start(BundleContext context) {
        file = Path.of(context.getBundle().getHeaders("").get(FILE_HEADER));
        context.addBundleListener(this);
        registration = context.registerService(AppListener.class, this, null);
        write("PROBE", "started", micros());
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
        context.removeBundleListener(this);
    }

    @Override
    public void appChanged(AppEvent event) {
        long t = micros();
        AppEvent.Type type = event.type();
        String label = event.app().label();
        if (label.startsWith(PREFIX)
                && (type == AppEvent.Type.READY || type == AppEvent.Type.REMOVED || type == AppEvent.Type.FAILED)) {
            write(type.name(), label, t);
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        long t = micros();
        String name = event.getBundle().getSymbolicName();
        if (name == null || !name.startsWith(PREFIX)) {
            return;
        }
        if (event.getType() == BundleEvent.STARTED) {
            write("STARTED", name, t);
        } else if (event.getType() == BundleEvent.UNINSTALLED) {
            write("UNINSTALLED", name, t);
        }
    }

    private synchronized void write(String type, String name, long micros) {
        try {
            Files.writeString(file, type + " " + name + " " + micros + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wall-clock microseconds, comparable with the harness process on the same machine. */
    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
