package io.tessera.registry.internal.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import io.tessera.core.AppMetadata;

/**
 * App bundles that never got as far as publishing an app: their activator threw. The
 * framework reports those as error events; we keep the latest reason per bundle until the bundle
 * starts, is updated or goes away, so {@code apps:diag} can show it.
 */
public final class BundleProblems implements FrameworkListener, BundleListener {

    /** One bundle that failed to start. */
    public record Problem(long bundleId, String symbolicName, String location, String reason) {
    }

    private final Map<Long, Problem> problems = new ConcurrentHashMap<>();

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        Bundle b = event.getBundle();
        if (event.getType() != FrameworkEvent.ERROR || b == null || b.getBundleId() == 0 || !isAppBundle(b)) {
            return;
        }
        problems.put(b.getBundleId(), new Problem(b.getBundleId(), b.getSymbolicName(), b.getLocation(),
                describe(event.getThrowable())));
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.STARTED, BundleEvent.UPDATED, BundleEvent.UNINSTALLED ->
                problems.remove(event.getBundle().getBundleId());
            default -> { }
        }
    }

    /** Problems of bundles still installed, by bundle id. */
    public List<Problem> current() {
        List<Problem> out = new ArrayList<>(problems.values());
        out.sort((a, b) -> Long.compare(a.bundleId(), b.bundleId()));
        return out;
    }

    static boolean isAppBundle(Bundle b) {
        if (b.getHeaders("").get(AppMetadata.HEADER) != null) {
            return true;
        }
        BundleWiring wiring = b.adapt(BundleWiring.class);
        if (wiring == null) {
            return false;
        }
        for (BundleWire wire : wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE)) {
            if ("io.tessera.core".equals(wire.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "the framework reported an error";
        }
        Throwable cause = t instanceof BundleException && t.getCause() != null ? t.getCause() : t;
        StackTraceElement[] trace = cause.getStackTrace();
        String where = trace.length == 0 ? "" : " (at " + trace[0].getFileName() + ":" + trace[0].getLineNumber() + ")";
        String what = cause == t ? "" : "its activator threw ";
        return what + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                + where + "; fix the bundle and update it";
    }
}
