package io.tessera.registry.internal.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.SynchronousBundleListener;

import io.tessera.registry.internal.Failures;

/**
 * Bundles that did not start: their activator threw, or they cannot resolve. A bundle that goes
 * from STARTING to STOPPING without STARTED failed in its activator. Felix hands the exception
 * only to whoever called {@code start} and does not log it, so the exception itself is known
 * when the framework reports it as an error event (start levels), or when a starter that
 * Tessera controls hands it over ({@link #activatorThrew}: the launcher, through the service
 * {@link RegistryActivator} publishes, the deploy folder, and the shell's {@code start}, which is
 * Tessera's). Only a start by someone else (another bundle, Gogo's {@code felix:start}) leaves
 * the exception unnamed. The latest failure per bundle is kept until the bundle starts, is updated
 * or goes away. Bundles that cannot resolve are found when asked ({@link #current}), not on
 * every bundle event.
 */
public final class BundleProblems implements FrameworkListener, SynchronousBundleListener {

    /**
     * One bundle that did not start; {@code reason} follows "bundle 12 " in a sentence: "did not
     * start: its activator threw ...", "cannot resolve: it is missing ...", each saying what to do.
     */
    public record Problem(long bundleId, String symbolicName, String location, String reason) {
    }

    private final BundleContext context;
    private final Map<Long, Problem> failures = new ConcurrentHashMap<>();
    /** Bundles between STARTING and STARTED; by object (a bundle's is the same all its life), no boxed ids. */
    private final Set<Bundle> starting = ConcurrentHashMap.newKeySet();
    private volatile Consumer<Bundle> onChange = b -> { };
    private volatile Predicate<Bundle> listedAsApp = b -> false;
    private volatile Runnable refresher = () -> { };

    BundleProblems(BundleContext context) {
        this.context = context;
    }

    /**
     * Connects the app side: {@code onChange} is told of each bundle whose failure was recorded
     * or replaced; bundles {@code listedAsApp} are left to their app's reason; {@code refresher}
     * brings those reasons up to date before a report.
     */
    void connect(Consumer<Bundle> onChange, Predicate<Bundle> listedAsApp, Runnable refresher) {
        this.onChange = onChange;
        this.listedAsApp = listedAsApp;
        this.refresher = refresher;
    }

    /**
     * Brings what is reported up to date before a report: why a bundle cannot resolve is read
     * again (what it missed may have been installed since), not on every bundle event.
     */
    public void refresh() {
        refresher.run();
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        Bundle b = event.getBundle();
        // only a start's activator error: other errors (a listener threw, say) are no start failure, and a bundle
        // that cannot resolve is described from its requirements
        if (event.getType() == FrameworkEvent.ERROR && b != null && b.getBundleId() != 0
                && event.getThrowable() instanceof BundleException e && e.getType() == BundleException.ACTIVATOR_ERROR) {
            record(b, describe(b, e));
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle b = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.STARTING -> starting.add(b);
            case BundleEvent.STOPPING -> {
                if (starting.remove(b) && !failures.containsKey(b.getBundleId())) {
                    record(b, describe(b, null));
                }
            }
            case BundleEvent.STARTED, BundleEvent.UPDATED, BundleEvent.UNINSTALLED -> {
                starting.remove(b);
                if (!failures.isEmpty()) { // every bundle passes here: usually there is nothing to forget
                    failures.remove(b.getBundleId());
                }
            }
            default -> { }
        }
    }

    /**
     * Records the exception a start (or an update, which restarts) of {@code bundle} threw, for a
     * starter that caught it (the launcher, the deploy folder): the reason then names its class,
     * message and first frame in the bundle's own code. Ignored unless the bundle is still not
     * active, and for a {@link BundleException} that is not an activator error.
     */
    public void activatorThrew(Bundle bundle, Throwable thrown) {
        boolean fromActivator = thrown instanceof BundleException e ? e.getType() == BundleException.ACTIVATOR_ERROR
                : thrown != null; // Felix's update rethrows the activator's exception itself
        if (fromActivator && bundle.getState() != Bundle.ACTIVE && bundle.getState() != Bundle.UNINSTALLED) {
            record(bundle, describe(bundle, thrown));
        }
    }

    private void record(Bundle b, String reason) {
        failures.put(b.getBundleId(), new Problem(b.getBundleId(), b.getSymbolicName(), b.getLocation(), reason));
        onChange.accept(b);
    }

    /** Why {@code bundleId}'s last start failed ("did not start: its activator threw ..."), or {@code null}. */
    String activatorFailure(long bundleId) {
        Problem p = failures.isEmpty() ? null : failures.get(bundleId);
        return p == null ? null : p.reason();
    }

    /**
     * Bundles still installed that did not start or cannot resolve, by bundle id, except app
     * bundles (their app's reason says it). Looks at every installed bundle: for the shell, not
     * for bundle events.
     */
    public List<Problem> current() {
        List<Problem> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            long id = b.getBundleId();
            if (id == 0 || listedAsApp.test(b)) {
                continue;
            }
            Problem failed = failures.get(id);
            if (failed != null && b.getState() != Bundle.ACTIVE) {
                out.add(failed);
            } else if (b.getState() == Bundle.INSTALLED && !isFragment(b)) {
                List<String> missing = BundleDiagnosis.missingRequirements(context, b);
                if (!missing.isEmpty()) {
                    out.add(new Problem(id, b.getSymbolicName(), b.getLocation(),
                            BundleDiagnosis.cannotResolve(id, missing)));
                }
            }
        }
        return out;
    }

    private static boolean isFragment(Bundle b) {
        return b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    /** "did not start: its activator threw IllegalStateException: no config (at a.B.start(B.java:25)); fix ..." */
    static String describe(Bundle b, Throwable t) {
        String fix = "; fix the bundle, then update " + b.getBundleId();
        if (t == null) {
            return "did not start: its activator threw an exception, which went to whoever started the bundle (start "
                    + b.getBundleId() + " in the shell names it here)" + fix;
        }
        Throwable cause = t instanceof BundleException && t.getCause() != null ? t.getCause() : t;
        if (cause == t && t instanceof BundleException) {
            return "did not start: " + t.getMessage() + fix;
        }
        return "did not start: its activator threw " + Failures.describe(cause, frameIn(b, cause)) + fix;
    }

    /** The first frame of {@code t} in a class of {@code b} itself, or else its first frame. */
    static StackTraceElement frameIn(Bundle b, Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        for (StackTraceElement frame : trace) {
            String path = frame.getClassName().replace('.', '/') + ".class";
            if (b.getEntry(path) != null) {
                return frame;
            }
        }
        return trace.length == 0 ? null : trace[0];
    }
}
