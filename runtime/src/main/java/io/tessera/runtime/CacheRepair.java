package io.tessera.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mends the framework cache after a crash, before Felix reads it. Felix 7.0.5 keeps each bundle's
 * id, location, state and start level in {@code data/cache/bundleN/bundle.info}, which it rewrites
 * in place (truncate, then write) whenever the bundle is started, stopped or uninstalled; a
 * {@code kill -9} in between leaves the file empty or cut short, and on the next start Felix logs
 * "Error reloading cached bundle, removing it" and deletes the bundle: an install that had returned
 * long before is lost because a {@code start} of it was under way. So each such file is written
 * again, whole, from what the bundle's folder still says: its id (the folder's name), its location
 * (the newest revision's {@code revision.location}) and refresh count (the revision folder's name);
 * its state is the one the launcher's journal ({@link BundleStateJournal}) holds for it, which is the
 * state from before the command under way: ACTIVE if it was started, INSTALLED if not, so that
 * command is simply undone (an uninstall of a started bundle leaves it started, not stopped). A
 * bundle the journal does not know (a cache from before the journal) is INSTALLED, the choice that
 * runs no code the operator did not see start. Start level 1, now as its last change. A whole file
 * that says INSTALLED for a bundle the journal says was started (a crash between the two writes of
 * an uninstall) is set back to ACTIVE the same way. A folder
 * without a readable revision is left to Felix. Runs on the launcher's thread, before the framework
 * is created; touches only the broken files, each replaced with an atomic rename.
 */
final class CacheRepair {

    /** The lines of a bundle.info Felix can read: id, location, state, start level, last modified, refresh count. */
    private static final Pattern INFO = Pattern.compile("\\d+\n[^\n]+\n\\d+\n-?\\d+\n-?\\d+\n\\d+\n?");
    private static final Pattern BUNDLE_FOLDER = Pattern.compile("bundle(\\d+)");
    private static final Pattern REVISION_FOLDER = Pattern.compile("version(\\d+)\\.(\\d+)");
    /** Felix's persistent state for a bundle that is installed and not started ({@code Bundle.INSTALLED}). */
    private static final int INSTALLED = 2;
    /** Felix's persistent state for a bundle that is started ({@code Bundle.ACTIVE}). */
    private static final int ACTIVE = 32;

    private CacheRepair() {
    }

    /**
     * Repairs the cache at {@code cache} (the framework's storage) with the states in {@code journal}
     * (bundle id to started, as {@link BundleStateJournal#read} gives it); one line per bundle
     * repaired, for the console.
     */
    static List<String> repair(Path cache, Map<Long, Boolean> journal) {
        List<String> repaired = new ArrayList<>();
        if (!Files.isDirectory(cache)) {
            return repaired;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(cache, "bundle*")) {
            for (Path folder : folders) {
                Matcher id = BUNDLE_FOLDER.matcher(folder.getFileName().toString());
                if (id.matches() && !id.group(1).equals("0") && Files.isDirectory(folder)) {
                    long bundle = Long.parseLong(id.group(1));
                    String line = repairOne(folder, bundle, journal.get(bundle));
                    if (line != null) {
                        repaired.add(line);
                    }
                }
            }
        } catch (IOException e) {
            repaired.add("Tessera could not check the framework cache " + cache + " for files a crash cut short: " + e);
        }
        return repaired;
    }

    private static String repairOne(Path folder, long id, Boolean started) {
        Path info = folder.resolve("bundle.info");
        try {
            String whole = Files.isRegularFile(info) ? Files.readString(info, StandardCharsets.UTF_8) : "";
            if (INFO.matcher(whole).matches()) {
                return Boolean.TRUE.equals(started) ? restartedIfStopped(folder, info, id, whole) : null;
            }
            Path revision = newestRevision(folder);
            Path location = revision == null ? null : revision.resolve("revision.location");
            if (location == null || !Files.isRegularFile(location)) {
                return null; // nothing to rebuild it from: Felix drops it, as it would have
            }
            String where = Files.readString(location, StandardCharsets.UTF_8).trim();
            Matcher r = REVISION_FOLDER.matcher(revision.getFileName().toString());
            if (where.isEmpty() || where.contains("\n") || !r.matches()) {
                return null;
            }
            int state = Boolean.TRUE.equals(started) ? ACTIVE : INSTALLED;
            String text = id + "\n" + where + "\n" + state + "\n1\n" + System.currentTimeMillis() + "\n" + r.group(1) + "\n";
            Path temporary = folder.resolve("bundle.info.tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, info, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return "Tessera repaired bundle " + id + " (" + where + ") in the framework cache: a crash had cut its state"
                    + " file short while it was being started, stopped or uninstalled; " + (started == null
                    ? "it is installed but not started (start " + id + " starts it)."
                    : started ? "it is back as it was before that: started (stop " + id + " stops it)."
                    : "it is back as it was before that: installed, not started (start " + id + " starts it).");
        } catch (IOException | RuntimeException e) {
            return "Tessera could not repair bundle " + id + " in the framework cache (" + e + "); the framework may drop it.";
        }
    }

    /**
     * A whole file that says INSTALLED for a bundle the journal says was started: an uninstall of it
     * was under way (Felix first stops it persistently, which writes the file whole, then marks it
     * uninstalled) or a stop whose STOPPED event had not come yet; it is set back to started.
     */
    private static String restartedIfStopped(Path folder, Path info, long id, String whole) throws IOException {
        String[] lines = whole.split("\n");
        if (!lines[2].equals(String.valueOf(INSTALLED))) {
            return null; // the usual case
        }
        lines[2] = String.valueOf(ACTIVE);
        Path temporary = folder.resolve("bundle.info.tmp");
        Files.writeString(temporary, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, info, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return "Tessera restored bundle " + id + " (" + lines[1] + ") in the framework cache: a crash came while it was"
                + " being stopped or uninstalled; it is back as it was before that: started (stop " + id + " stops it).";
    }

    /** The revision folder ({@code versionR.N}) with the highest refresh count, then revision number; or null. */
    private static Path newestRevision(Path folder) throws IOException {
        Path newest = null;
        long[] best = {-1, -1};
        try (DirectoryStream<Path> revisions = Files.newDirectoryStream(folder, "version*")) {
            for (Path p : revisions) {
                Matcher m = REVISION_FOLDER.matcher(p.getFileName().toString());
                if (m.matches()) {
                    long refresh = Long.parseLong(m.group(1));
                    long number = Long.parseLong(m.group(2));
                    if (refresh > best[0] || refresh == best[0] && number > best[1]) {
                        best[0] = refresh;
                        best[1] = number;
                        newest = p;
                    }
                }
            }
        }
        return newest;
    }
}
