package io.tessera.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder that holds everything a runtime keeps, in Karaf's layout: {@code etc/} (configuration
 * files, fed to ConfigAdmin), {@code deploy/}, {@code data/} (the framework cache, {@code data/cache},
 * with the bundles' data areas and so the registry's own state, and the lock), {@code log/}.
 * Chosen by {@code -Dtessera.home}, else {@code TESSERA_HOME}, else {@code runtime/home} beside the
 * launcher's {@code target/}. {@code -Dtessera.deploy} and {@code -Dtessera.log.file} may move the
 * deploy folder and the log file elsewhere (tests and the app kit's proof do).
 */
record Home(Path root, Path etc, Path deploy, Path data, Path log, Path logFile) {

    /** The home the properties and environment name, with {@code target} the launcher jar's folder. */
    static Home choose(Path target) {
        String property = System.getProperty("tessera.home");
        String env = System.getenv("TESSERA_HOME");
        Path root = property != null && !property.isBlank() ? Path.of(property)
                : env != null && !env.isBlank() ? Path.of(env)
                : target.getParent().resolve("home");
        root = root.toAbsolutePath().normalize();
        Path deploy = pathProperty("tessera.deploy", root.resolve("deploy"));
        Path logFile = pathProperty("tessera.log.file", root.resolve("log").resolve("tessera.log"));
        return new Home(root, root.resolve("etc"), deploy, root.resolve("data"), logFile.getParent(), logFile);
    }

    private static Path pathProperty(String key, Path fallback) {
        String value = System.getProperty(key);
        return (value == null || value.isBlank() ? fallback : Path.of(value)).toAbsolutePath().normalize();
    }

    /** The framework's storage. */
    Path cache() {
        return data.resolve("cache");
    }

    /**
     * Creates the folders and checks that each can be written to.
     *
     * @throws HomeException naming the first folder that cannot be created or written
     */
    void prepare() throws HomeException {
        for (Path folder : new Path[] {root, etc, deploy, data, log}) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw notWritable(folder, "it cannot be created: " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
            if (!Files.isWritable(folder) || !canCreateFileIn(folder)) {
                throw notWritable(folder, "it is not writable");
            }
        }
    }

    /** {@code isWritable} trusts permission bits, which root ignores and read-only mounts do not show. */
    private static boolean canCreateFileIn(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, ".write-check", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private HomeException notWritable(Path folder, String why) {
        return new HomeException("Tessera cannot start: " + (folder.equals(root) ? "the home folder " + root
                : "the folder " + folder + " of the home " + root) + " is not writable (" + why + "). Make it writable, or "
                + "choose another home with -Dtessera.home=DIR or TESSERA_HOME.");
    }

    /** Empties {@code data/} but for {@code keep} (the lock this process holds). */
    void clean(Path keep) throws IOException {
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(data) && !p.equals(keep)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A home that cannot be used; its message is what the operator reads. */
    static final class HomeException extends Exception {
        HomeException(String message) {
            super(message);
        }
    }
}
