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
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;

/**
 * A real Felix cache whose {@code bundle.info} a crash cut short while a bundle was being started
 * (Felix rewrites it in place): without the repair Felix drops the bundle on its next start; with
 * it the bundle is there with its id and location, whether the file was left empty or cut in the
 * middle of a line: installed and not started when the launcher's journal does not know it, else as
 * the journal had it, which is the state from before the command under way (a started bundle whose
 * uninstall was cut short is started again). Files that are whole are not touched.
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

            List<String> said = CacheRepair.repair(storage, Map.of());
            assertEquals(List.of("Tessera repaired bundle " + id + " (" + jar.toUri() + ") in the framework cache: a crash"
                    + " had cut its state file short while it was being started, stopped or uninstalled; it is installed but"
                    + " not started (start " + id + " starts it)."), said);
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
            assertEquals("a cache with whole files is left as it is", List.of(), CacheRepair.repair(storage, Map.of()));
        }
    }

    /**
     * The journal a synchronous listener keeps on the system bundle: a started bundle whose
     * bundle.info is cut short comes back Active, a stopped one stopped; a stop of the framework
     * changes neither. And a kill while an Active bundle is being uninstalled, in the second rewrite
     * of its bundle.info (Felix stops it persistently, fires STOPPED, then marks it uninstalled),
     * brings it back Active, as it was before the uninstall, not stopped.
     */
    @Test
    public void aBundleCutShortComesBackAsTheJournalHadIt() throws Exception {
        Path dir = Files.createTempDirectory("cache-journal");
        Path storage = dir.resolve("storage");
        Path journal = dir.resolve(BundleStateJournal.FILE);
        Path crashed = dir.resolve("crashed");
        Path crashedJournal = dir.resolve("crashed-" + BundleStateJournal.FILE);
        long started;
        long stopped;
        long uninstalled;
        Framework f = start(storage);
        try {
            BundleStateJournal.keep(f.getBundleContext(), journal);
            Bundle a = install(f, dir, "test.started");
            a.start();
            Bundle b = install(f, dir, "test.stopped");
            b.start();
            b.stop();
            Bundle c = install(f, dir, "test.uninstalled");
            c.start();
            started = a.getBundleId();
            stopped = b.getBundleId();
            uninstalled = c.getBundleId();
            // registered after the journal on the same context, so called after it: what a kill
            // during the uninstall's second write of bundle.info would leave
            f.getBundleContext().addBundleListener((SynchronousBundleListener) e -> {
                if (e.getType() == BundleEvent.STOPPED && e.getBundle().getBundleId() == uninstalled) {
                    try {
                        copyTree(storage, crashed);
                        Files.copy(journal, crashedJournal);
                    } catch (Exception x) {
                        throw new IllegalStateException(x);
                    }
                }
            });
            c.uninstall();
            assertEquals(Map.of(started, true, stopped, false), BundleStateJournal.read(journal));
        } finally {
            stop(f);
        }
        assertEquals("a stop of the framework stops bundles but leaves them started in the journal",
                Map.of(started, true, stopped, false), BundleStateJournal.read(journal));

        Files.writeString(storage.resolve("bundle" + started).resolve("bundle.info"), "");
        Files.writeString(storage.resolve("bundle" + stopped).resolve("bundle.info"), "3\nfile:");
        List<String> said = CacheRepair.repair(storage, BundleStateJournal.read(journal));
        assertEquals(List.of(
                "Tessera repaired bundle " + started + " (" + dir.resolve("test.started.jar").toUri() + ") in the framework"
                        + " cache: a crash had cut its state file short while it was being started, stopped or uninstalled;"
                        + " it is back as it was before that: started (stop " + started + " stops it).",
                "Tessera repaired bundle " + stopped + " (" + dir.resolve("test.stopped.jar").toUri() + ") in the framework"
                        + " cache: a crash had cut its state file short while it was being started, stopped or uninstalled;"
                        + " it is back as it was before that: installed, not started (start " + stopped + " starts it)."),
                said.stream().sorted().toList());
        f = start(storage);
        try {
            assertEquals("test.started", f.getBundleContext().getBundle(started).getSymbolicName());
            assertEquals(Bundle.ACTIVE, f.getBundleContext().getBundle(started).getState());
            assertEquals("test.stopped", f.getBundleContext().getBundle(stopped).getSymbolicName());
            assertEquals(0, f.getBundleContext().getBundle(stopped).getState() & (Bundle.STARTING | Bundle.ACTIVE));
        } finally {
            stop(f);
        }

        assertEquals(Map.of(started, true, stopped, false, uninstalled, true), BundleStateJournal.read(crashedJournal));
        // a kill between the uninstall's two writes: the file is whole and says stopped
        assertEquals(List.of("Tessera restored bundle " + uninstalled + " (" + dir.resolve("test.uninstalled.jar").toUri()
                + ") in the framework cache: a crash came while it was being stopped or uninstalled; it is back as it was"
                + " before that: started (stop " + uninstalled + " stops it)."),
                CacheRepair.repair(crashed, BundleStateJournal.read(crashedJournal)));
        f = start(crashed);
        try {
            assertEquals("Active, as before the uninstall", Bundle.ACTIVE, f.getBundleContext().getBundle(uninstalled).getState());
        } finally {
            stop(f);
        }
        // a kill in the middle of the second write: the file is cut short
        Files.writeString(crashed.resolve("bundle" + uninstalled).resolve("bundle.info"), "");
        assertEquals(List.of("Tessera repaired bundle " + uninstalled + " (" + dir.resolve("test.uninstalled.jar").toUri()
                + ") in the framework cache: a crash had cut its state file short while it was being started, stopped or"
                + " uninstalled; it is back as it was before that: started (stop " + uninstalled + " stops it)."),
                CacheRepair.repair(crashed, BundleStateJournal.read(crashedJournal)));
        f = start(crashed);
        try {
            Bundle c = f.getBundleContext().getBundle(uninstalled);
            assertNotNull("the bundle whose uninstall was cut short is there", c);
            assertEquals("test.uninstalled", c.getSymbolicName());
            assertEquals("Active, as before the uninstall", Bundle.ACTIVE, c.getState());
        } finally {
            stop(f);
        }
    }

    private static Bundle install(Framework f, Path dir, String symbolicName) throws Exception {
        Path jar = dir.resolve(symbolicName + ".jar");
        Files.write(jar, bundle(symbolicName));
        return f.getBundleContext().installBundle(jar.toUri().toString());
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
