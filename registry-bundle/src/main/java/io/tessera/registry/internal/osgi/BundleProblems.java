package io.tessera.registry.internal.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import io.tessera.core.AppMetadata;
import io.tessera.registry.internal.Failures;

/**
 * App bundles that never got as far as publishing an app: their activator threw. A bundle that
 * goes from STARTING to STOPPING without STARTED failed in its activator; the exception itself
 * goes to whoever called {@code start} (the shell, FileInstall's log), but when the framework
 * reports it as an error event (start levels) the exception is kept too. The latest reason per
 * bundle is kept until the bundle starts, is updated or goes away, for {@code apps:diag}.
 */
public final class BundleProblems implements FrameworkListener, SynchronousBundleListener {

    /** One bundle that failed to start. */
    public record Problem(long bundleId, String symbolicName, String location, String reason) {
    }

    private final Map<Long, Problem> problems = new ConcurrentHashMap<>();
    /** Bundles between STARTING and STARTED; by object (a bundle's is the same all its life), no boxed ids. */
    private final Set<Bundle> starting = ConcurrentHashMap.newKeySet();

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
        Bundle b = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.STARTING -> starting.add(b);
            case BundleEvent.STOPPING -> {
                if (starting.remove(b) && isAppBundle(b)) {
                    problems.put(b.getBundleId(), new Problem(b.getBundleId(), b.getSymbolicName(), b.getLocation(),
                            "its activator threw an exception while starting (the exception went to whoever started"
                                    + " it: the shell, or FileInstall's log); fix the bundle and update it"));
                }
            }
            case BundleEvent.STARTED, BundleEvent.UPDATED, BundleEvent.UNINSTALLED -> {
                starting.remove(b);
                if (!problems.isEmpty()) { // every bundle passes here: usually there is nothing to forget
                    problems.remove(b.getBundleId());
                }
            }
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
            return "the framework reported an error; fix the bundle and update it";
        }
        Throwable cause = t instanceof BundleException && t.getCause() != null ? t.getCause() : t;
        return (cause == t ? "" : "its activator threw ") + Failures.describe(cause) + "; fix the bundle and update it";
    }
}
