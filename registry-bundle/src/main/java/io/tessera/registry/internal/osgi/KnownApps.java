package io.tessera.registry.internal.osgi;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tessera.registry.internal.Log;

/**
 * The labels each installed bundle last published, so that an app whose bundle is stopped is
 * still listed under its label, and which of them are system apps, so that a stopped one cannot be
 * disabled either. Kept in memory and in a file in the registry bundle's data area
 * ({@code bundle-id=label,label} per line, then {@code system.bundle-id=label} for system apps), so it outlives the registry bundle's restart, and the
 * framework's when its cache is kept. The file is written off the bundle threads, at most about
 * once a second, whole and atomically (a temporary file moved over it), so a crash leaves the old
 * or the new file, never half of one.
 */
final class KnownApps {

    private static final long WRITE_DELAY_MILLIS = 500;

    private static final String SYSTEM = "system.";

    private final Map<Long, List<String>> labels = new ConcurrentHashMap<>();
    /** Of {@link #labels}, those that are system apps; usually empty. */
    private final Map<Long, Set<String>> system = new ConcurrentHashMap<>();
    private final Path file;
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    private final ScheduledExecutorService writer;

    /** @param file where to keep the labels, or {@code null} to keep them in memory only */
    KnownApps(Path file) {
        this.file = file;
        this.writer = file == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tessera-known-apps");
            t.setDaemon(true);
            return t;
        });
        read();
    }

    /** The labels {@code bundleId} last published; empty if it never published one here. */
    List<String> labelsOf(long bundleId) {
        return labels.getOrDefault(bundleId, List.of());
    }

    /** Which of the labels {@code bundleId} last published are system apps. */
    Set<String> systemLabelsOf(long bundleId) {
        return system.getOrDefault(bundleId, Set.of());
    }

    boolean isKnown(long bundleId) {
        return labels.containsKey(bundleId);
    }

    /** Remembers that {@code bundleId} published an app with {@code label}; costs nothing if it is known. */
    void published(long bundleId, String label, boolean isSystem) {
        List<String> known = labels.get(bundleId);
        if (known != null && known.contains(label) && systemLabelsOf(bundleId).contains(label) == isSystem) {
            return; // a restart of a known app: the usual case
        }
        system.compute(bundleId, (id, old) -> {
            Set<String> next = new TreeSet<>(old == null ? Set.of() : old);
            if (isSystem) {
                next.add(label);
            } else {
                next.remove(label);
            }
            return next.isEmpty() ? null : Set.copyOf(next);
        });
        labels.merge(bundleId, List.of(label), (old, one) -> {
            List<String> more = new ArrayList<>(old);
            if (!more.contains(label)) {
                more.add(label);
            }
            return List.copyOf(more);
        });
        scheduleWrite();
    }

    /** Forgets a bundle: uninstalled, or updated (its new revision may publish other labels). */
    void forget(long bundleId) {
        system.remove(bundleId);
        if (labels.remove(bundleId) != null) {
            scheduleWrite();
        }
    }

    /** Keeps only the bundles still installed (on start: the framework may have been started afresh). */
    void retainOnly(Set<Long> installed) {
        system.keySet().retainAll(installed);
        if (labels.keySet().retainAll(installed)) {
            scheduleWrite();
        }
    }

    /** Writes what is pending now and stops the writer. */
    void close() {
        if (writer != null) {
            writer.shutdownNow();
            if (writeScheduled.getAndSet(false)) {
                write();
            }
        }
    }

    private void scheduleWrite() {
        if (writer != null && writeScheduled.compareAndSet(false, true)) {
            try {
                writer.schedule(() -> {
                    writeScheduled.set(false);
                    write();
                }, WRITE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                writeScheduled.set(false);
            }
        }
    }

    private synchronized void write() {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                for (Map.Entry<Long, List<String>> e : new TreeMap<>(labels).entrySet()) {
                    out.write(e.getKey() + "=" + String.join(",", e.getValue()) + "\n");
                }
                for (Map.Entry<Long, Set<String>> e : new TreeMap<>(system).entrySet()) {
                    out.write(SYSTEM + e.getKey() + "=" + String.join(",", e.getValue()) + "\n");
                }
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Log.warn("could not keep the labels of stopped apps in " + file
                    + " (they are kept in memory; after a restart a stopped app is listed by bundle id)", e);
        }
    }

    private void read() {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    try {
                        String key = line.substring(0, eq).trim();
                        List<String> values = List.of(line.substring(eq + 1).trim().split(","));
                        if (key.startsWith(SYSTEM)) {
                            system.put(Long.parseLong(key.substring(SYSTEM.length())), Set.copyOf(values));
                        } else {
                            labels.put(Long.parseLong(key), values);
                        }
                    } catch (NumberFormatException ignored) {
                        // a line not written by this class: skip it
                    }
                }
            }
        } catch (IOException e) {
            Log.warn("could not read the labels of stopped apps from " + file, e);
        }
    }
}
