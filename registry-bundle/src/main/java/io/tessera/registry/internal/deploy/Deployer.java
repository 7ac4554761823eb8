package io.tessera.registry.internal.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

import io.tessera.registry.internal.Log;
import io.tessera.registry.internal.deploy.FileStatus.Kind;

/**
 * Makes the bundles match the jar files in the deploy folder, one pass at a time, on the watcher's
 * single thread (nothing here is shared). A jar is acted on once it is complete: unchanged for
 * {@link #QUIET_MILLIS} ms and a zip with an end record and a manifest. A new jar is installed (from
 * its bytes, with its file URI as location) and started; a changed one updates its bundle in
 * place; a deleted one uninstalls it. What the installing and starting did is in {@link DeployStatus}.
 */
final class Deployer {

    /** How long a jar must stay unchanged before it is read: long enough for a copy's next write. */
    static final long QUIET_MILLIS = 25;
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
    /** A file that is not a complete zip and changed more recently than this is still being written. */
    static final long WRITING_MILLIS = 2_000;

    /** What the deployer knows of one jar file. */
    private static final class Tracked {
        final String name;
        final Path path;
        final String location;
        FileSignature seen;
        long seenAt;
        /** The content last acted on; the file is left alone while it has this signature. */
        FileSignature applied;
        long bundleId = -1;
        long duplicateOf = -1;

        Tracked(String name, Path path) {
            this.name = name;
            this.path = path;
            this.location = path.toUri().toString();
        }
    }

    private final BundleContext context;
    private final Path folder;
    private final String folderUri;
    private final DeployStatus status;
    private final DeployRecords records;
    private final BundleOperations operations;
    private final DeployReport report;
    private final Map<String, Tracked> tracked = new HashMap<>();

    Deployer(BundleContext context, DeployStatus status, DeployRecords records, DeployReport report) {
        this.context = context;
        this.folder = status.folder();
        String uri = folder.toUri().toString();
        this.folderUri = uri.endsWith("/") ? uri : uri + "/";
        this.status = status;
        this.records = records;
        this.operations = new BundleOperations(context);
        this.report = report;
    }

    /**
     * Takes over the bundles installed from the folder before this start (a restart with a kept
     * framework cache): a bundle whose file is gone is uninstalled; one whose file changed is
     * updated by the next pass; the others are kept as they are.
     */
    void adopt() {
        for (Bundle b : context.getBundles()) {
            String location = b.getLocation();
            if (!location.startsWith(folderUri) || location.indexOf('/', folderUri.length()) >= 0) {
                continue;
            }
            Path file = Path.of(URI.create(location));
            Tracked t = new Tracked(file.getFileName().toString(), file);
            t.bundleId = b.getBundleId();
            try {
                FileSignature now = FileSignature.of(file);
                if (records.matches(location, now)) {
                    t.seen = now;
                    t.applied = now;
                    start(t, b);
                }
                tracked.put(t.name, t);
            } catch (IOException gone) {
                uninstall(t, "its file is gone");
            }
        }
    }

    /** Looks at every file once; returns how long until a file waiting to be quiet needs another look, or -1. */
    long pass() {
        long now = System.nanoTime();
        Map<String, Path> entries;
        try {
            entries = list();
        } catch (IOException e) {
            return -1; // the folder is there but cannot be read now: change nothing, the rescan tries again
        }
        if (entries == null) {
            new ArrayList<>(tracked.values()).forEach(t -> uninstall(t, "the deploy folder is gone"));
            tracked.clear();
            status.clear();
            status.folderMissing(true);
            return -1;
        }
        status.folderMissing(false);
        for (Tracked t : new ArrayList<>(tracked.values())) {
            if (!entries.containsKey(t.name)) {
                uninstall(t, "its file was deleted");
                tracked.remove(t.name);
            }
        }
        status.files().stream().map(FileStatus::fileName).filter(n -> !entries.containsKey(n)).forEach(status::remove);
        long next = -1;
        for (Map.Entry<String, Path> e : entries.entrySet()) {
            long wait = look(e.getKey(), e.getValue(), now);
            next = wait > 0 && (next < 0 || wait < next) ? wait : next;
        }
        for (Tracked t : tracked.values()) {
            if (t.duplicateOf >= 0 && context.getBundle(t.duplicateOf) == null) {
                t.applied = null; // its rival is gone: this file's turn
                t.duplicateOf = -1;
                long wait = act(t, now);
                next = wait > 0 && (next < 0 || wait < next) ? wait : next;
            }
        }
        return next;
    }

    /** The folder's entries by name (sorted, so that of two duplicates the first name wins), or null if it is missing. */
    private Map<String, Path> list() throws IOException {
        Map<String, Path> entries = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            dir.forEach(p -> entries.put(p.getFileName().toString(), p));
            return entries;
        } catch (IOException e) {
            if (Files.isDirectory(folder)) {
                throw e;
            }
            return null;
        }
    }

    private long look(String name, Path path, long now) {
        if (Files.isDirectory(path)) {
            status.put(new FileStatus(name, Kind.FOLDER, -1, null), null);
            return -1;
        }
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".jar")) {
            status.put(new FileStatus(name, Kind.NOT_A_JAR, -1, null), null);
            return -1;
        }
        Tracked t = tracked.computeIfAbsent(name, n -> new Tracked(n, path));
        FileSignature signature;
        try {
            signature = FileSignature.of(path);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(path)) {
                problem(t, Kind.BROKEN_LINK, linkTarget(path), null);
            }
            return -1;
        } catch (IOException e) {
            problem(t, Kind.UNREADABLE, e.getMessage(), null);
            return -1;
        }
        if (!signature.equals(t.seen)) {
            t.seen = signature;
            t.seenAt = now;
        }
        if (signature.equals(t.applied)) {
            return -1;
        }
        // quiet: seen unchanged for the quiet period, or last written longer ago than that (a jar moved in
        // whole keeps its old time, so it is read at once; a jar cut short is caught by the zip check)
        long quietLeft = t.seenAt + QUIET_NANOS - now;
        boolean writtenBefore = System.currentTimeMillis() - signature.modifiedMillis() >= QUIET_MILLIS;
        if (quietLeft > 0 && !writtenBefore) {
            writing(t);
            return quietLeft;
        }
        return act(t, now);
    }

    /** Reads a quiet file and deploys it if it is a bundle; returns nanos until it needs another look, or -1. */
    private long act(Tracked t, long now) {
        JarCheck.Result r;
        try {
            r = JarCheck.inspect(t.path);
        } catch (NoSuchFileException gone) {
            return -1; // the next pass sees it gone
        } catch (IOException e) {
            problem(t, Kind.UNREADABLE, e.getMessage(), t.seen);
            return -1;
        }
        if (r.kind() == JarCheck.Kind.CHANGING) {
            t.seen = r.signature();
            t.seenAt = now;
            writing(t);
            return QUIET_NANOS;
        }
        if (r.kind() == JarCheck.Kind.NOT_ZIP || r.kind() == JarCheck.Kind.BROKEN_ZIP) {
            long age = System.currentTimeMillis() - r.signature().modifiedMillis();
            if (age < WRITING_MILLIS) {
                writing(t);
                return TimeUnit.MILLISECONDS.toNanos(WRITING_MILLIS - age);
            }
        }
        switch (r.kind()) {
            case NOT_ZIP -> problem(t, Kind.NOT_ZIP, null, r.signature());
            case BROKEN_ZIP -> problem(t, Kind.BROKEN_ZIP, r.detail(), r.signature());
            case NO_MANIFEST -> problem(t, Kind.NO_MANIFEST, null, r.signature());
            case NO_SYMBOLIC_NAME -> problem(t, Kind.NO_SYMBOLIC_NAME, null, r.signature());
            default -> deploy(t, r);
        }
        return -1;
    }

    private void deploy(Tracked t, JarCheck.Result r) {
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

    private void duplicate(Tracked t, JarCheck.Result r, Bundle own, Bundle rival) {
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

    private void start(Tracked t, Bundle b) {
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
            Kind kind = b.getState() == Bundle.INSTALLED ? Kind.UNRESOLVED : Kind.NOT_STARTED;
            String why = e instanceof BundleException be ? StartProblem.whyNotStarted(b, be) : e.getMessage();
            record(new FileStatus(t.name, kind, b.getBundleId(), why));
        }
    }

    /** Starts deployed bundles that could not resolve, after other bundles arrived or changed. */
    void retryStarts() {
        for (Tracked t : tracked.values()) {
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
        for (Tracked t : tracked.values()) {
            if (t.bundleId == bundleId) {
                t.bundleId = -1;
                t.applied = t.seen;
                records.remove(t.location);
                record(new FileStatus(t.name, Kind.UNINSTALLED_BY_SHELL, -1, String.valueOf(bundleId)));
            }
        }
    }

    private void uninstall(Tracked t, String why) {
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

    private void writing(Tracked t) {
        FileStatus s = status.get(t.name);
        if (s == null || s.kind() != Kind.WRITING) {
            status.put(new FileStatus(t.name, Kind.WRITING, t.bundleId, null), null);
        }
    }

    private void problem(Tracked t, Kind kind, String detail, FileSignature signature) {
        t.applied = signature;
        t.duplicateOf = -1;
        record(new FileStatus(t.name, kind, t.bundleId, detail));
    }

    /** Keeps a file's new status, logging it once as the line the shell shows. */
    private void record(FileStatus s) {
        status.put(s, report.describe(s));
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a file that cannot be read";
        }
    }
}
