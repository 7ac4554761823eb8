package io.tessera.registry.internal.osgi;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

import io.tessera.core.AppBundle;
import io.tessera.core.AppMetadata;
import io.tessera.core.AppModel;
import io.tessera.core.AppState;
import io.tessera.registry.internal.engine.InactiveBundle;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.index.Labels;
import io.tessera.registry.internal.index.Origin;

/**
 * Keeps the apps of installed bundles that are not running them in the index, STOPPED (or
 * FAILED when their activator threw), with a reason naming the bundle id and what to do. A
 * bundle is an app before it runs if its manifest says so (bnd writes {@value AppBundle#HEADER},
 * {@value AppMetadata#HEADER}, {@value AppModel#HEADER}) or if it published an app here before;
 * its labels are those of its {@value AppMetadata#HEADER} header or those it last published.
 *
 * <p>Bundle facts are read here, on the bundle thread, outside the engine; the engine gets one
 * change per event of an app bundle, and nothing for other bundles beyond a set lookup (their
 * headers are read once, when they are installed or updated).
 */
final class InactiveApps implements SynchronousBundleListener {

    private final BundleContext context;
    private final TesseraRegistry registry;
    private final KnownApps known;
    private final BundleProblems problems;
    /** Bundles whose manifest marks them as apps; by object, no boxed ids. */
    private final Set<Bundle> byHeaders = ConcurrentHashMap.newKeySet();
    /** Bundles that published an app here (now or before a restart: {@link KnownApps}); by object too. */
    private final Set<Bundle> published = ConcurrentHashMap.newKeySet();
    private volatile boolean open;

    InactiveApps(BundleContext context, TesseraRegistry registry, KnownApps known, BundleProblems problems) {
        this.context = context;
        this.registry = registry;
        this.known = known;
        this.problems = problems;
    }

    /** Starts listening and lists the app bundles already installed; call inside the registry's opening batch. */
    void open() {
        open = true;
        context.addBundleListener(this);
        Set<Long> installed = new HashSet<>();
        for (Bundle b : context.getBundles()) {
            installed.add(b.getBundleId());
            if (declaresApp(b)) {
                byHeaders.add(b);
            }
            if (known.isKnown(b.getBundleId())) {
                published.add(b);
            }
            if (isApp(b) && !registry.runsAppOf(b.getBundleId())) {
                update(b);
            }
        }
        known.retainOnly(installed);
    }

    /** Stops listening; configs withdrawn from now on (the registry stopping) leave no placeholder. */
    void close() {
        open = false;
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle b = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.INSTALLED, BundleEvent.UPDATED -> {
                if (declaresApp(b)) {
                    byHeaders.add(b);
                } else {
                    byHeaders.remove(b);
                }
                if (isApp(b)) {
                    update(b);
                }
            }
            case BundleEvent.RESOLVED, BundleEvent.STOPPED, BundleEvent.LAZY_ACTIVATION -> {
                if (isApp(b)) {
                    update(b); // usually no change (a resolvable bundle reads "stopped" already): nothing is published
                }
            }
            case BundleEvent.STARTED -> {
                if (isApp(b) && !registry.runsAppOf(b.getBundleId())) {
                    update(b); // active, but no config: it did not publish one
                }
            }
            case BundleEvent.UNINSTALLED -> {
                if (isApp(b)) {
                    registry.setInactive(b.getBundleId(), null);
                    byHeaders.remove(b);
                    published.remove(b);
                    known.forget(b.getBundleId());
                }
            }
            // STARTING, STOPPING: passing states, reported when they end; UNRESOLVED (a refresh,
            // an uninstall): the bundle still reads "stopped", and what it may now miss is read before each report
            default -> { }
        }
    }

    /** Whether {@code b} is known to be an app bundle; two set lookups, nothing allocated. */
    boolean isApp(Bundle b) {
        return byHeaders.contains(b) || published.contains(b);
    }

    /** {@code b} published an app with {@code label}: it is an app bundle, listed under that label while stopped. */
    void published(Bundle b, String label) {
        if (!published.contains(b)) {
            published.add(b);
        }
        if (Labels.isValid(label)) {
            known.published(b.getBundleId(), label);
        }
    }

    /** Lists {@code b}'s apps as its state now says (a failure was recorded, say). */
    void update(Bundle b) {
        if (open && isApp(b)) {
            registry.setInactive(b.getBundleId(), factsOf(b));
        }
    }

    /**
     * What to list once the config of {@code b}'s app is withdrawn while the bundle stays
     * installed (it is stopping, or the app withdrew it); {@code null} if nothing (the registry is
     * stopping, or the bundle is going).
     */
    InactiveBundle afterWithdrawal(Bundle b) {
        return open && b.getState() != Bundle.UNINSTALLED ? factsOf(b) : null;
    }

    /**
     * Re-reads why app bundles that are not resolved are not: what they missed may have been
     * installed since, or a refresh may have left them missing something. For reports, not events.
     */
    void refreshUnresolved() {
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.INSTALLED && isApp(b)) {
                update(b);
            }
        }
    }

    private InactiveBundle factsOf(Bundle b) {
        long id = b.getBundleId();
        Origin origin = new Origin(id, b.getSymbolicName(), b.getLocation(), b.getVersion());
        List<String> labels = labelsOf(b);
        String see = labels.size() == 1 ? " (see apps:diag " + labels.get(0) + ")" : " (see apps:diag)";
        String failure = problems.activatorFailure(id);
        int state = b.getState();
        if (failure != null && state != Bundle.ACTIVE) {
            return new InactiveBundle(origin, labels, AppState.FAILED, "bundle " + id + " " + failure,
                    "FAILED: its activator threw" + see);
        }
        List<String> missing = state == Bundle.INSTALLED ? BundleDiagnosis.missingRequirements(context, b) : List.of();
        if (!missing.isEmpty()) {
            return new InactiveBundle(origin, labels, AppState.STOPPED,
                    "bundle " + id + " " + BundleDiagnosis.cannotResolve(id, missing),
                    "cannot resolve (missing " + String.join(", ", missing) + ")");
        }
        return switch (state) {
            // installed and resolvable, resolved, or about to be: one reason for all, since one command helps, and a
            // bundle that is started passes through them without the engine hearing of each
            case Bundle.INSTALLED, Bundle.RESOLVED, Bundle.STOPPING -> new InactiveBundle(origin, labels,
                    AppState.STOPPED, "bundle " + id + " is stopped: start " + id, "stopped (start " + id + ")");
            case Bundle.STARTING -> new InactiveBundle(origin, labels, AppState.STOPPED,
                    "bundle " + id + " is starting (a lazily activated bundle starts when one of its classes is"
                            + " first loaded)", "starting");
            default -> new InactiveBundle(origin, labels, AppState.STOPPED, "bundle " + id
                    + " is active but has not published its app config (its activator did not register it, or the"
                    + " app withdrew it); to start the app again: stop " + id + ", then start " + id,
                    "active without its app config" + see);
        };
    }

    /** The labels of {@code b}: its {@value AppMetadata#HEADER} header's, or those it last published here. */
    private List<String> labelsOf(Bundle b) {
        String header = byHeaders.contains(b) ? b.getHeaders("").get(AppMetadata.HEADER) : null;
        if (header != null) {
            try {
                String label = HeaderClauses.parse(header).get("");
                if (!label.isEmpty()) {
                    return List.of(label);
                }
            } catch (IllegalArgumentException unreadable) {
                // the app's own reason says what is wrong with the header once it runs
            }
        }
        return known.labelsOf(b.getBundleId());
    }

    /** Whether the manifest of {@code b} marks it as an app bundle (read once per install or update). */
    private static boolean declaresApp(Bundle b) {
        if (b.getBundleId() == 0) {
            return false;
        }
        var headers = b.getHeaders("");
        return headers.get(AppBundle.HEADER) != null || headers.get(AppMetadata.HEADER) != null
                || headers.get(AppModel.HEADER) != null || headers.get(AppModel.INDEX_HEADER) != null;
    }
}
