package io.tessera.registry.internal.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import io.tessera.registry.internal.Log;

/**
 * The status of every file in the deploy folder, by file name: the one source that the shell
 * renders. Written only by the watcher's thread, read by anyone (each status is immutable). A
 * problem is logged once, as one line, when a file's status becomes it, not on every rescan.
 */
public final class DeployStatus {

    private final Path folder;
    private final Map<String, FileStatus> files = new ConcurrentSkipListMap<>();
    private volatile boolean folderMissing;

    public DeployStatus(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public boolean folderMissing() {
        return folderMissing;
    }

    /** Every file's status, in file-name order. */
    public List<FileStatus> files() {
        return new ArrayList<>(files.values());
    }

    FileStatus get(String fileName) {
        return files.get(fileName);
    }

    void put(FileStatus status, String logLine) {
        put(status, logLine, null);
    }

    /** Keeps a file's status; logs it once, when it changes, a problem with the exception behind it if any. */
    void put(FileStatus status, String logLine, Throwable cause) {
        FileStatus before = files.put(status.fileName(), status);
        if (!status.equals(before) && logLine != null) {
            if (status.kind().severity() == FileStatus.Severity.OK) {
                Log.info("deploy: " + status.fileName() + ": " + logLine);
            } else {
                Log.warnNamed("deploy: " + status.fileName() + ": " + logLine, cause);
            }
        }
    }

    void remove(String fileName) {
        files.remove(fileName);
    }

    void clear() {
        files.clear();
    }

    void folderMissing(boolean missing) {
        if (missing != folderMissing) {
            folderMissing = missing;
            if (missing) {
                Log.warn("deploy: the folder " + folder + " is missing; create it to deploy again", null);
            } else {
                Log.info("deploy: watching " + folder);
            }
        }
    }
}
