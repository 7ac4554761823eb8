package io.tessera.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * A real Felix cache whose {@code bundle.info} a crash cut short while a bundle was being started
 * (Felix rewrites it in place): without the repair Felix drops the bundle on its next start; with
 * it the bundle is there with its id and location, installed and not started, whether the file was
 * left empty or cut in the middle of a line. Files that are whole are not touched.
 */
public class CacheRepairIT {

    @Test
    public void aStateFileCutShortByACrashNoLongerLosesTheBundle() throws Exception {
        for (int keep : new int[] {0, 3, 20}) {
            Path dir = Files.createTempDirectory("cache-repair");
            Path jar = dir.resolve("kept.jar");
            Files.write(jar, bundle("test.kept"));
            Path storage = dir.resolve("storage");
            long id;
            Framework f = start(storage);
            try {
                Bundle b = f.getBundleContext().installBundle(jar.toUri().toString());
                b.start();
                id = b.getBundleId();
            } finally {
                stop(f);
            }
            Path info = storage.resolve("bundle" + id).resolve("bundle.info");
            String whole = Files.readString(info);
            Path copy = dir.resolve("copy");
            copyTree(storage, copy);
            // as a kill -9 leaves it between Felix's truncate and its write
            Files.writeString(info, whole.substring(0, Math.min(keep, whole.length())));
            Files.writeString(copy.resolve("bundle" + id).resolve("bundle.info"), whole.substring(0, Math.min(keep, whole.length())));

            f = start(copy); // without the repair
            try {
                assertNull("Felix itself drops a bundle whose bundle.info was cut after " + keep + " characters",
                        f.getBundleContext().getBundle(id));
            } finally {
                stop(f);
            }

            List<String> said = CacheRepair.repair(storage);
            assertEquals(List.of("Tessera repaired bundle " + id + " (" + jar.toUri() + ") in the framework cache: a crash"
                    + " had cut its state file short while it was being started or stopped; it is installed but not started"
                    + " (start " + id + " starts it)."), said);
            f = start(storage);
            try {
                Bundle b = f.getBundleContext().getBundle(id);
                assertNotNull("the bundle is there after the repair", b);
                assertEquals(jar.toUri().toString(), b.getLocation());
                assertEquals("test.kept", b.getSymbolicName());
                assertEquals("installed, not started", 0, b.getState() & (Bundle.STARTING | Bundle.ACTIVE));
            } finally {
                stop(f);
            }
            assertEquals("a cache with whole files is left as it is", List.of(), CacheRepair.repair(storage));
        }
    }

    private static Framework start(Path storage) throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        properties.put("felix.service.urlhandlers", "false"); // this JVM's URL handlers belong to other tests' frameworks
        @SuppressWarnings({"unchecked", "rawtypes"})
        Framework framework = new FrameworkFactory().newFramework((Map) properties);
        framework.start();
        return framework;
    }

    private static void stop(Framework framework) throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("cache.lock")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static byte[] bundle(String symbolicName) throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        m.getMainAttributes().putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, m)) {
            out.flush();
        }
        return bytes.toByteArray();
    }
}
