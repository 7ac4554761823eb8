package io.tessera.registry.internal.shell;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Explains the jars in the deploy folder that did not become bundles: corrupt, half-written or
 * not OSGi bundles at all. FileInstall only logs such files; operators look here.
 */
public final class DeployFolder {

    /** A jar changed more recently than this may still be being copied. */
    static final long SETTLE_MILLIS = 2_000;

    private final Path folder;
    private final BundleContext context;

    /** @param folder the watched folder, or {@code null} if FileInstall is not configured */
    public DeployFolder(Path folder, BundleContext context) {
        this.folder = folder;
        this.context = context;
    }

    /** One line per jar that is not installed, saying why. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : jars) {
                if (!isInstalled(jar)) {
                    out.add(folder.relativize(jar) + " in " + folder + ": " + whyNotInstalled(jar));
                }
            }
        } catch (IOException e) {
            out.add("deploy folder " + folder + " cannot be read: " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    private boolean isInstalled(Path jar) {
        String name = jar.getFileName().toString();
        for (Bundle b : context.getBundles()) {
            String location = b.getLocation();
            if (location != null && location.endsWith("/" + name)) {
                return true;
            }
        }
        return false;
    }

    static String whyNotInstalled(Path jar) {
        try {
            long age = System.currentTimeMillis() - Files.getLastModifiedTime(jar).toMillis();
            if (age < SETTLE_MILLIS) {
                return "changed " + age + " ms ago; it is installed once it has stopped changing";
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                    return "not an OSGi bundle (its manifest has no Bundle-SymbolicName); build it with bnd";
                }
                return "a bundle, but not installed; FileInstall may have refused it (see its log)";
            }
        } catch (IOException e) {
            return "not a valid jar (" + e.getMessage() + "); it is corrupt or was only partly written:"
                    + " copy it again";
        }
    }
}
