package io.tessera.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The launcher's record of each bundle's last persistent state, started or not, in one file of
 * the home's {@code data/} ({@link #FILE}), for {@link CacheRepair}: Felix rewrites a bundle's
 * {@code bundle.info} in place while it starts, stops or uninstalls it, so a crash can leave the
 * one file that says whether the bundle was started unreadable. A synchronous bundle listener on
 * the system bundle's context keeps it; Felix delivers synchronous events before {@code start()},
 * {@code stop()} and {@code uninstall()} return and after it has written {@code bundle.info}, so
 * the file holds each bundle's state from before any command still in flight.
 *
 * <p>File: one line per bundle, {@code <id> started} or {@code <id> stopped}, ascending ids; the
 * system bundle is not in it. It is written whole (temporary file, then an atomic rename) and only
 * when a value changes. A file that is missing or cannot be read counts as empty. Not synced to
 * disk: it guards against a killed process, whose written files the kernel keeps, not a power cut.
 * Thread-safe: events arrive on whichever thread changes a bundle; writes are serialized.
 */
final class BundleStateJournal implements SynchronousBundleListener {

    /** The journal's name in {@code data/}; {@code --clean} empties {@code data/}, so it goes with the cache. */
    static final String FILE = "bundle-states";

    private final Path file;
    private final Map<Long, Boolean> started = new TreeMap<>(); // guarded by this
    private boolean failureSaid; // guarded by this

    private BundleStateJournal(Path file) {
        this.file = file;
    }

    /**
     * Starts keeping the journal {@code file} for the framework of {@code system} (after
     * {@code init()}, before any bundle is installed, started or stopped): takes each installed
     * bundle's persistent state now, writes the file if that differs from it, then follows events.
     */
    static BundleStateJournal keep(BundleContext system, Path file) {
        BundleStateJournal journal = new BundleStateJournal(file);
        synchronized (journal) {
            system.addBundleListener(journal); // before reading the bundles: no change falls between
            journal.started.putAll(read(file));
            Map<Long, Boolean> now = new TreeMap<>();
            for (Bundle b : system.getBundles()) {
                if (b.getBundleId() != 0) {
                    now.put(b.getBundleId(), persistentlyStarted(b));
                }
            }
            if (!now.equals(journal.started)) {
                journal.started.clear();
                journal.started.putAll(now);
                journal.write();
            }
        }
        return journal;
    }

    /** The journal in {@code file}: bundle id to started; empty if there is none or it cannot be read. */
    static Map<Long, Boolean> read(Path file) {
        Map<Long, Boolean> states = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && parts[0].matches("\\d{1,18}")
                        && (parts[1].equals("started") || parts[1].equals("stopped"))) {
                    states.put(Long.parseLong(parts[0]), parts[1].equals("started"));
                }
            }
        } catch (NoSuchFileException e) {
            // first start, or a cache from before the journal
        } catch (IOException | RuntimeException e) {
            states.clear(); // a journal half read is not one to trust
        }
        return states;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle b = event.getBundle();
        if (b.getBundleId() == 0) {
            return;
        }
        switch (event.getType()) {
            case BundleEvent.INSTALLED, BundleEvent.STARTED -> record(b.getBundleId(), persistentlyStarted(b));
            case BundleEvent.STOPPED -> {
                // an uninstall stops an active bundle first, persistently, and only then writes
                // bundle.info again to mark it uninstalled: a crash in that second write must find
                // the bundle recorded as started, the state from before the uninstall
                if (!uninstalling()) {
                    record(b.getBundleId(), persistentlyStarted(b));
                }
            }
            case BundleEvent.UNINSTALLED -> record(b.getBundleId(), null);
            default -> {
                // RESOLVED, STARTING, STOPPING, UPDATED...: the persistent state does not change
            }
        }
    }

    /**
     * Whether the bundle is marked started in the cache: a stop of the framework, or an update,
     * stops bundles without changing that, and the journal must not say otherwise.
     */
    private static boolean persistentlyStarted(Bundle b) {
        BundleStartLevel level = b.adapt(BundleStartLevel.class);
        return level != null && level.isPersistentlyStarted();
    }

    /** Whether this STOPPED event comes from Felix's uninstall (Felix 7 marks the stop no other way). */
    private static boolean uninstalling() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getMethodName().equals("uninstallBundle")
                && f.getClassName().equals("org.apache.felix.framework.Felix")));
    }

    private synchronized void record(long id, Boolean isStarted) {
        boolean changed = isStarted == null ? started.remove(id) != null : !isStarted.equals(started.put(id, isStarted));
        if (changed) {
            write();
        }
    }

    private void write() { // under this
        StringBuilder text = new StringBuilder();
        started.forEach((id, s) -> text.append(id).append(s ? " started\n" : " stopped\n"));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file); // a stale journal would undo changes that were made: none is better
            } catch (IOException ignored) {
                // said below
            }
            if (!failureSaid) {
                failureSaid = true;
                System.err.println("Tessera could not write " + file + " (" + e + "): after a crash it may not know"
                        + " which bundles were started; make the folder writable.");
            }
        }
    }
}
