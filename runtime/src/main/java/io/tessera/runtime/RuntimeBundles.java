package io.tessera.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The runtime's own bundles (the jars in {@code target/bundles}) brought into a framework whose
 * cache may already hold them: matched by location (the jar's URI), a missing one is installed, one
 * whose jar changed since it was installed or last updated is updated in place (same bundle id),
 * an unchanged one is left alone, one whose jar is gone is uninstalled; none is ever installed twice. Runs between {@code init()} and
 * {@code start()}, before anything is resolved, so an update needs no refresh.
 */
final class RuntimeBundles {

    /** What reconciling did: every wanted bundle, and how many were installed, updated and uninstalled. */
    record Result(List<Bundle> bundles, int installed, int updated, int uninstalled) {
    }

    private RuntimeBundles() {
    }

    /**
     * @param folder where the runtime's jars are: a bundle installed from there whose jar is gone
     *        (left out of a newer build) is uninstalled
     * @param jars the jars of {@code folder} to install, update or keep
     */
    static Result reconcile(BundleContext system, Path folder, List<Path> jars) throws IOException, BundleException {
        Map<String, Bundle> byLocation = new HashMap<>();
        for (Bundle b : system.getBundles()) {
            byLocation.put(b.getLocation(), b);
        }
        List<Bundle> bundles = new ArrayList<>();
        int installed = 0;
        int updated = 0;
        for (Path jar : jars) {
            String location = jar.toUri().toString();
            Bundle b = byLocation.get(location);
            if (b == null) {
                b = system.installBundle(location);
                installed++;
            } else if (Files.getLastModifiedTime(jar).toMillis() > b.getLastModified()) {
                try (InputStream in = Files.newInputStream(jar)) {
                    b.update(in);
                }
                updated++;
            }
            bundles.add(b);
        }
        int uninstalled = 0;
        String prefix = folder.toUri().toString();
        for (Bundle b : byLocation.values()) {
            if (b.getBundleId() != 0 && b.getLocation().startsWith(prefix)
                    && !Files.exists(folder.resolve(b.getLocation().substring(prefix.length())))) {
                b.uninstall();
                uninstalled++;
            }
        }
        return new Result(bundles, installed, updated, uninstalled);
    }
}
