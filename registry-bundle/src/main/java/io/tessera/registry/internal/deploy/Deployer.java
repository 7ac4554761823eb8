package io.tessera.registry.internal.deploy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.tessera.registry.internal.deploy.FileStatus.Kind;

/**
 * Makes the bundles match the jar files in the deploy folder, one pass at a time, on the watcher's
 * single thread (nothing here is shared): it lists the folder, notices new, changed and deleted
 * files, and decides when a file is complete enough to read: unchanged for {@link #QUIET_MILLIS}
 * ms (or last written longer ago than that) and a zip with an end record and a manifest. What is
 * then done with the file's bundle is {@link DeployedFiles}'s job; every file's status is in
 * {@link DeployStatus}.
 */
final class Deployer {

    /** How long a jar must stay unchanged before it is read: long enough for a copy's next write. */
    static final long QUIET_MILLIS = 25;
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
    /** A file that is not a complete zip and changed more recently than this is still being written. */
    static final long WRITING_MILLIS = 2_000;

    private final BundleContext context;
    private final Path folder;
    private final String folderUri;
    private final DeployStatus status;
    private final DeployRecords records;
    private final Map<String, TrackedFile> tracked = new HashMap<>();
    private final DeployedFiles files;

    Deployer(BundleContext context, DeployStatus status, DeployRecords records, DeployReport report,
            BiConsumer<Bundle, Throwable> startFailed) {
        this.context = context;
        this.folder = status.folder();
        String uri = folder.toUri().toString();
        this.folderUri = uri.endsWith("/") ? uri : uri + "/";
        this.status = status;
        this.records = records;
        this.files = new DeployedFiles(context, status, records, report, tracked, startFailed);
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
            TrackedFile t = new TrackedFile(file.getFileName().toString(), file);
            t.bundleId = b.getBundleId();
            try {
                FileSignature now = FileSignature.of(file);
                if (records.matches(location, now)) {
                    t.seen = now;
                    t.applied = now;
                    files.start(t, b);
                }
                tracked.put(t.name, t);
            } catch (IOException gone) {
                files.uninstall(t, "its file is gone");
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
            new ArrayList<>(tracked.values()).forEach(t -> files.uninstall(t, "the deploy folder is gone"));
            tracked.clear();
            status.clear();
            status.folderMissing(true);
            return -1;
        }
        status.folderMissing(false);
        for (TrackedFile t : new ArrayList<>(tracked.values())) {
            if (!entries.containsKey(t.name)) {
                files.uninstall(t, "its file was deleted");
                tracked.remove(t.name);
                status.remove(t.name);
            }
        }
        status.files().stream().map(FileStatus::fileName).filter(n -> !entries.containsKey(n)).forEach(status::remove);
        long next = -1;
        for (Map.Entry<String, Path> e : entries.entrySet()) {
            long wait = look(e.getKey(), e.getValue(), now);
            next = wait > 0 && (next < 0 || wait < next) ? wait : next;
        }
        for (TrackedFile t : tracked.values()) {
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
        if (!name.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            status.put(new FileStatus(name, Kind.NOT_A_JAR, -1, null), null);
            return -1;
        }
        TrackedFile t = tracked.computeIfAbsent(name, n -> new TrackedFile(n, path));
        FileSignature signature;
        try {
            signature = FileSignature.of(path);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(path)) {
                files.problem(t, Kind.BROKEN_LINK, linkTarget(path), null);
            }
            return -1;
        } catch (IOException e) {
            files.problem(t, Kind.UNREADABLE, e.getMessage(), null);
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
            files.writing(t);
            return quietLeft;
        }
        return act(t, now);
    }

    /** Reads a quiet file and deploys it if it is a bundle; returns nanos until it needs another look, or -1. */
    private long act(TrackedFile t, long now) {
        JarCheck.Result r;
        try {
            r = JarCheck.inspect(t.path);
        } catch (NoSuchFileException gone) {
            return -1; // the next pass sees it gone
        } catch (IOException e) {
            files.problem(t, Kind.UNREADABLE, e.getMessage(), t.seen);
            return -1;
        }
        if (r.kind() == JarCheck.Kind.CHANGING) {
            t.seen = r.signature();
            t.seenAt = now;
            files.writing(t);
            return QUIET_NANOS;
        }
        if (r.kind() == JarCheck.Kind.NOT_ZIP || r.kind() == JarCheck.Kind.BROKEN_ZIP) {
            long age = System.currentTimeMillis() - r.signature().modifiedMillis();
            if (age < WRITING_MILLIS) {
                files.writing(t);
                return TimeUnit.MILLISECONDS.toNanos(WRITING_MILLIS - age);
            }
        }
        switch (r.kind()) {
            case NOT_ZIP -> files.problem(t, Kind.NOT_ZIP, null, r.signature());
            case BROKEN_ZIP -> files.problem(t, Kind.BROKEN_ZIP, r.detail(), r.signature());
            case NO_MANIFEST -> files.problem(t, Kind.NO_MANIFEST, null, r.signature());
            case NO_SYMBOLIC_NAME -> files.problem(t, Kind.NO_SYMBOLIC_NAME, null, r.signature());
            default -> files.deploy(t, r);
        }
        return -1;
    }

    /** Starts deployed bundles that could not resolve, after other bundles arrived or changed. */
    void retryStarts() {
        files.retryStarts();
    }

    /** A deployed bundle was uninstalled by someone else (the shell): its file is left alone until it changes. */
    void uninstalledElsewhere(long bundleId) {
        files.uninstalledElsewhere(bundleId);
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a file that cannot be read";
        }
    }
}
