package io.tessera.registry.internal.osgi;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * <p>Bundle facts are read here, on the bundle thread, outside the engine; the engine gets a
 * change only when an app bundle's facts changed (a bundle started from the shell passes through
 * RESOLVED, and one stopped through STOPPED, with the same facts as before: that costs the engine
 * nothing), and nothing for other bundles beyond a set lookup (their headers are read once, when
 * they are installed or updated).
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
    /**
     * The facts last handed to the engine for each app bundle while it does not run its app, so an
     * event that changes none of them is no engine change; dropped as the bundle's app arrives.
     */
    private final Map<Bundle, InactiveBundle> listed = new ConcurrentHashMap<>();
    /** The {@value AppMetadata#HEADER} header of the app bundles that have one, read once per install or update. */
    private final Map<Bundle, String> metadataHeaders = new ConcurrentHashMap<>();
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
            readHeaders(b);
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
                readHeaders(b);
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
                    listed.remove(b);
                    byHeaders.remove(b);
                    metadataHeaders.remove(b);
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
    void published(Bundle b, String label, boolean system) {
        if (!published.contains(b)) {
            published.add(b);
        }
        listed.remove(b); // the engine drops the bundle's placeholders as its app arrives
        if (Labels.isValid(label)) {
            known.published(b.getBundleId(), label, system);
        }
    }

    /** Lists {@code b}'s apps as its state now says (a failure was recorded, say). */
    void update(Bundle b) {
        if (open && isApp(b)) {
            InactiveBundle facts = factsOf(b);
            if (!facts.equals(listed.put(b, facts))) {
                registry.setInactive(b.getBundleId(), facts);
            }
        }
    }

    /**
     * What to list once the config of {@code b}'s app is withdrawn while the bundle stays
     * installed (it is stopping, or the app withdrew it); {@code null} if nothing (the registry is
     * stopping, or the bundle is going).
     */
    InactiveBundle afterWithdrawal(Bundle b) {
        if (!open || b.getState() == Bundle.UNINSTALLED) {
            listed.remove(b);
            return null;
        }
        InactiveBundle facts = factsOf(b);
        listed.put(b, facts); // what the engine lists once the app has left
        return facts;
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
        Set<String> system = systemLabelsOf(b, labels);
        String see = labels.size() == 1 ? " (see apps:diag " + labels.get(0) + ")" : " (see apps:diag)";
        String failure = problems.activatorFailure(id);
        int state = b.getState();
        if (failure != null && state != Bundle.ACTIVE) {
            return new InactiveBundle(origin, labels, AppState.FAILED, "bundle " + id + " " + failure,
                    "FAILED: its activator threw" + see, system);
        }
        List<String> missing = state == Bundle.INSTALLED ? BundleDiagnosis.missingRequirements(context, b) : List.of();
        if (!missing.isEmpty()) {
            return new InactiveBundle(origin, labels, AppState.STOPPED,
                    "bundle " + id + " " + BundleDiagnosis.cannotResolve(id, missing),
                    "cannot resolve (missing " + String.join(", ", missing) + ")", system);
        }
        return switch (state) {
            // installed and resolvable, resolved, or about to be: one reason for all, since one command helps, and a
            // bundle that is started passes through them without the engine hearing of each
            case Bundle.INSTALLED, Bundle.RESOLVED, Bundle.STOPPING -> new InactiveBundle(origin, labels,
                    AppState.STOPPED, "bundle " + id + " is stopped: start " + id, "stopped (start " + id + ")", system);
            case Bundle.STARTING -> new InactiveBundle(origin, labels, AppState.STOPPED,
                    "bundle " + id + " is starting (a lazily activated bundle starts when one of its classes is"
                            + " first loaded)", "starting", system);
            default -> new InactiveBundle(origin, labels, AppState.STOPPED, "bundle " + id
                    + " is active but has not published its app config (its activator did not register it, or the"
                    + " app withdrew it); to start the app again: stop " + id + ", then start " + id,
                    "active without its app config" + see, system);
        };
    }

    /** The labels of {@code b}: its {@value AppMetadata#HEADER} header's, or those it last published here. */
    private List<String> labelsOf(Bundle b) {
        String header = metadataHeaders.get(b);
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

    /**
     * Which of {@code labels} are system apps: the {@value AppMetadata#HEADER} header's
     * {@code system=true}, or what the bundle's apps said when they last ran here.
     */
    private Set<String> systemLabelsOf(Bundle b, List<String> labels) {
        String header = metadataHeaders.get(b);
        if (header != null && labels.size() == 1) {
            try {
                if ("true".equalsIgnoreCase(HeaderClauses.parse(header).getOrDefault("system", "").trim())) {
                    return Set.of(labels.get(0));
                }
            } catch (IllegalArgumentException unreadable) {
                // as in labelsOf
            }
        }
        return known.systemLabelsOf(b.getBundleId());
    }

    /** Reads whether the manifest of {@code b} marks it as an app bundle, and its {@value AppMetadata#HEADER} header. */
    private void readHeaders(Bundle b) {
        var headers = b.getBundleId() == 0 ? null : b.getHeaders("");
        String metadata = headers == null ? null : headers.get(AppMetadata.HEADER);
        if (metadata != null || headers != null && (headers.get(AppBundle.HEADER) != null
                || headers.get(AppModel.HEADER) != null || headers.get(AppModel.INDEX_HEADER) != null)) {
            byHeaders.add(b);
        } else {
            byHeaders.remove(b);
        }
        if (metadata != null) {
            metadataHeaders.put(b, metadata);
        } else {
            metadataHeaders.remove(b);
        }
    }
}
