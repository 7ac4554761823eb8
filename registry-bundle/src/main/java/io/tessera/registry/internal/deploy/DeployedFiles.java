package io.tessera.registry.internal.deploy;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.function.BiConsumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

import io.tessera.registry.internal.Log;
import io.tessera.registry.internal.deploy.FileStatus.Kind;

/**
 * What is done with the bundle of one deploy-folder file, and the status that comes of it: a
 * complete jar is installed (from its bytes, with the file's URI as location) and started, or
 * updates its bundle in place; a duplicate of another bundle is left out and says which one wins;
 * a deleted file's bundle is uninstalled. Each new status is logged once, as the line the shell
 * shows. Worker thread only.
 */
final class DeployedFiles {

    private final BundleContext context;
    private final DeployStatus status;
    private final DeployRecords records;
    private final DeployReport report;
    private final BundleOperations operations;
    /** The deployer's files by name, read here to name a duplicate's rival and to retry starts. */
    private final Map<String, TrackedFile> tracked;
    private final BiConsumer<Bundle, Throwable> startFailed;

    DeployedFiles(BundleContext context, DeployStatus status, DeployRecords records, DeployReport report,
            Map<String, TrackedFile> tracked, BiConsumer<Bundle, Throwable> startFailed) {
        this.context = context;
        this.status = status;
        this.records = records;
        this.report = report;
        this.operations = new BundleOperations(context);
        this.tracked = tracked;
        this.startFailed = startFailed;
    }

    void deploy(TrackedFile t, JarCheck.Result r) {
        Bundle own = t.bundleId < 0 ? null : context.getBundle(t.bundleId);
        Bundle rival = rival(r, own);
        t.applied = r.signature();
        if (rival != null) {
            duplicate(t, r, own, rival);
            return;
        }
        try {
            if (own == null) {
                own = context.installBundle(t.location, new ByteArrayInputStream(r.bytes()));
                t.bundleId = own.getBundleId();
            } else {
                operations.update(own, r.bytes());
                Log.info("deploy: " + t.name + " changed: bundle " + own.getBundleId() + " updated in place to "
                        + own.getVersion());
            }
        } catch (BundleException e) {
            problem(t, Kind.REFUSED, StartProblem.condense(e), r.signature());
            return;
        } catch (IllegalArgumentException e) { // a header the framework cannot parse, for one
            problem(t, Kind.REFUSED, String.valueOf(e.getMessage()), r.signature());
            return;
        }
        t.duplicateOf = -1;
        records.put(t.location, r.signature());
        start(t, own);
    }

    /** Another bundle with the jar's symbolic name and version, or null. */
    private Bundle rival(JarCheck.Result r, Bundle own) {
        Version version;
        try {
            version = Version.parseVersion(r.version());
        } catch (IllegalArgumentException e) {
            return null; // the framework refuses it, with its own reason
        }
        for (Bundle b : context.getBundles()) {
            if (b != own && r.symbolicName().equals(b.getSymbolicName()) && version.equals(b.getVersion())) {
                return b;
            }
        }
        return null;
    }

    private void duplicate(TrackedFile t, JarCheck.Result r, Bundle own, Bundle rival) {
        long id = rival.getBundleId();
        String rivalFile = tracked.values().stream().filter(o -> o.bundleId == id).map(o -> o.name).findFirst().orElse(null);
        String ifDeleted = own == null ? "deleting this file changes nothing" : "deleting this file uninstalls bundle "
                + own.getBundleId();
        String text = "the same symbolic name and version (" + r.symbolicName() + " " + r.version() + ") as "
                + (rivalFile != null
                        ? rivalFile + ", installed as bundle " + id + ", which wins, so this file is not installed: "
                                + ifDeleted + "; deleting " + rivalFile + " uninstalls bundle " + id
                                + " and installs this file in its place"
                        : "bundle " + id + " (" + rival.getLocation() + "), installed outside the deploy folder, which"
                                + " wins, so this file is not installed: " + ifDeleted + "; uninstalling bundle " + id
                                + " installs this file in its place");
        t.duplicateOf = id;
        record(new FileStatus(t.name, Kind.DUPLICATE, own == null ? -1 : own.getBundleId(), text));
    }

    void start(TrackedFile t, Bundle b) {
        if (b.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
            record(new FileStatus(t.name, Kind.INSTALLED, b.getBundleId(), null));
            return;
        }
        try {
            b.start();
            record(new FileStatus(t.name, Kind.INSTALLED, b.getBundleId(), null));
        } catch (BundleException | IllegalStateException e) {
            if (b.getState() == Bundle.UNINSTALLED) {
                return;
            }
            startFailed.accept(b, e);
            Kind kind = b.getState() == Bundle.INSTALLED ? Kind.UNRESOLVED : Kind.NOT_STARTED;
            String why = e instanceof BundleException be ? StartProblem.whyNotStarted(context, b, be) : e.getMessage();
            record(new FileStatus(t.name, kind, b.getBundleId(), why), kind == Kind.NOT_STARTED ? e : null);
        }
    }

    /** Starts deployed bundles that could not resolve, after other bundles arrived or changed. */
    void retryStarts() {
        for (TrackedFile t : tracked.values()) {
            FileStatus s = status.get(t.name);
            Bundle b = t.bundleId < 0 ? null : context.getBundle(t.bundleId);
            if (b != null && s != null && (s.kind() == Kind.UNRESOLVED
                    || s.kind() == Kind.INSTALLED && b.getState() == Bundle.INSTALLED)) {
                start(t, b);
            }
        }
    }

    /** A deployed bundle was uninstalled by someone else (the shell): leave its file alone until it changes. */
    void uninstalledElsewhere(long bundleId) {
        for (TrackedFile t : tracked.values()) {
            if (t.bundleId == bundleId) {
                t.bundleId = -1;
                t.applied = t.seen;
                records.remove(t.location);
                record(new FileStatus(t.name, Kind.UNINSTALLED_BY_SHELL, -1, String.valueOf(bundleId)));
            }
        }
    }

    void uninstall(TrackedFile t, String why) {
        Bundle b = t.bundleId < 0 ? null : context.getBundle(t.bundleId);
        records.remove(t.location);
        t.bundleId = -1;
        if (b == null || !t.location.equals(b.getLocation())) {
            return;
        }
        try {
            operations.uninstall(b);
            Log.info("deploy: " + t.name + ": " + why + ": bundle " + b.getBundleId() + " (" + b.getSymbolicName()
                    + ") uninstalled");
        } catch (BundleException e) {
            Log.warn("deploy: " + t.name + ": " + why + ", but bundle " + b.getBundleId() + " could not be uninstalled: "
                    + e.getMessage(), null);
        }
    }

    void writing(TrackedFile t) {
        FileStatus s = status.get(t.name);
        if (s == null || s.kind() != Kind.WRITING) {
            status.put(new FileStatus(t.name, Kind.WRITING, t.bundleId, null), null);
        }
    }

    void problem(TrackedFile t, Kind kind, String detail, FileSignature signature) {
        t.applied = signature;
        t.duplicateOf = -1;
        record(new FileStatus(t.name, kind, t.bundleId, detail));
    }

    /** Keeps a file's new status, logging it once as the line the shell shows. */
    private void record(FileStatus s) {
        record(s, null);
    }

    /** As {@link #record(FileStatus)}, with the exception behind a problem for the log file. */
    private void record(FileStatus s, Throwable cause) {
        status.put(s, report.describe(s), cause);
    }
}
