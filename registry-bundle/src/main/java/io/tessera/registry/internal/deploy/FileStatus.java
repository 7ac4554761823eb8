package io.tessera.registry.internal.deploy;

/**
 * What the deploy watcher last made of one file in the folder. Immutable; the watcher replaces a
 * file's status when it acts on the file. What the bundle and its app are doing now is not kept
 * here but read when the status is rendered ({@link DeployReport}).
 *
 * @param fileName the file's name in the folder, as the operator sees it
 * @param kind     what the file is
 * @param bundleId the bundle installed from this file (for a problem kind: the bundle that keeps
 *                 running the version installed before), or -1
 * @param detail   the kind's particulars: why it cannot resolve or was refused, the file that wins
 *                 a duplicate, where a broken link points; or {@code null}
 */
public record FileStatus(String fileName, Kind kind, long bundleId, String detail) {

    /** What a file is, as far as deploying it goes. */
    public enum Kind {
        /** Installed as a bundle; the bundle's and app's state are read live. */
        INSTALLED(Severity.OK),
        /** Changed within the last moments and not a complete jar yet. */
        WRITING(Severity.WARNING),
        /** The same symbolic name and version as another bundle, which wins; {@code detail} names it. */
        DUPLICATE(Severity.WARNING),
        NOT_ZIP(Severity.ERROR),
        /** Starts as a zip but has no end record: cut short. */
        BROKEN_ZIP(Severity.ERROR),
        NO_MANIFEST(Severity.ERROR),
        NO_SYMBOLIC_NAME(Severity.ERROR),
        /** Installed, but its requirements are not met; {@code detail} says which. */
        UNRESOLVED(Severity.ERROR),
        /** Installed and resolved, but starting it failed (its activator threw); {@code detail} says why. */
        NOT_STARTED(Severity.ERROR),
        /** The framework would not install or update it; {@code detail} is its reason. */
        REFUSED(Severity.ERROR),
        /** Its bundle was uninstalled from the shell; the file stays as it is. */
        UNINSTALLED_BY_SHELL(Severity.WARNING),
        /** A link whose target does not exist; {@code detail} is the target. */
        BROKEN_LINK(Severity.ERROR),
        /** Cannot be read; {@code detail} says why. */
        UNREADABLE(Severity.ERROR),
        /** Not named {@code *.jar}: not deployed. */
        NOT_A_JAR(Severity.OK),
        /** A folder inside the deploy folder: not deployed. */
        FOLDER(Severity.OK);

        private final Severity severity;

        Kind(Severity severity) {
            this.severity = severity;
        }

        public Severity severity() {
            return severity;
        }
    }

    /** How {@code apps:check} counts a line: not at all, as a warning, or as an error. */
    public enum Severity { OK, WARNING, ERROR }

    public FileStatus withBundle(long id) {
        return new FileStatus(fileName, kind, id, detail);
    }
}
