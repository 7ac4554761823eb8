package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

import io.tessera.core.App;
import io.tessera.core.AppState;

/**
 * Every kind of file in the deploy folder gets exactly one line in {@code apps:diag} saying what
 * it is and what to do; odd names and every way of putting a file there work; a slow writer over
 * an installed jar updates it in place; the folder can be deleted and created again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeployFilesIT extends DeployFolderSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("DeployFilesIT");
    }

    @Test
    public void everyKindOfFileIsOneLineThatSaysWhatToDo() throws Exception {
        Path d = deploy();
        Files.write(d.resolve("good.jar"), TestBundles.app("good").build());
        Files.write(d.resolve("text.jar"), textFile());
        Files.write(d.resolve("nomanifest.jar"), zipWithoutManifest());
        Files.write(d.resolve("plain.jar"), jarWithoutSymbolicName());
        Files.write(d.resolve("needs.jar"), TestBundles.app("needs").header("Import-Package",
                "io.tessera.core;version=\"[1.0,2)\",org.osgi.framework,com.example.missing;version=\"[1.0,2.0)\"").build());
        Files.write(d.resolve("throws.jar"), TestBundles.app("throws").activatorThrows("no database").build());
        Files.write(d.resolve("refused.jar"), TestBundles.app("refused").version("one.two").build());
        Files.write(d.resolve("a-twin.jar"), TestBundles.app("twin").build());
        Files.write(d.resolve("b-twin.jar"), TestBundles.app("twin").build());
        Files.write(d.resolve("notes.txt"), textFile());
        Files.createDirectory(d.resolve("sub"));
        byte[] whole = TestBundles.app("cut").build();
        Files.write(d.resolve("cut.jar"), Arrays.copyOf(whole, whole.length / 2));

        awaitDiag("every jar file is installed or judged", () -> bundleAt(d.resolve("good.jar")) != null
                && bundleAt(d.resolve("needs.jar")) != null && bundleAt(d.resolve("throws.jar")) != null
                && bundleAt(d.resolve("a-twin.jar")) != null);
        long good = bundleAt(d.resolve("good.jar")).getBundleId();
        long needs = bundleAt(d.resolve("needs.jar")).getBundleId();
        long throwsId = bundleAt(d.resolve("throws.jar")).getBundleId();
        long twin = bundleAt(d.resolve("a-twin.jar")).getBundleId();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("good.jar", "installed as bundle " + good + " (app good READY)");
        expected.put("text.jar", "not a zip file, so not a jar: remove it, or replace it with a bundle jar");
        expected.put("nomanifest.jar", "a zip without META-INF/MANIFEST.MF, so not an OSGi bundle: build it as a bundle"
                + " (for example with bnd-maven-plugin), or remove it");
        expected.put("plain.jar", "a jar whose manifest has no Bundle-SymbolicName, so not an OSGi bundle: build it"
                + " with bnd (bnd-maven-plugin), or remove it");
        expected.put("needs.jar", "installed as bundle " + needs + " but cannot resolve: missing package"
                + " com.example.missing [1.0.0,2.0.0); install what provides it, and bundle " + needs + " starts by itself");
        expected.put("a-twin.jar", "installed as bundle " + twin + " (app twin READY)");
        expected.put("b-twin.jar", "the same symbolic name and version (test.twin 1.0.0) as a-twin.jar, installed as"
                + " bundle " + twin + ", which wins, so this file is not installed: deleting this file changes nothing;"
                + " deleting a-twin.jar uninstalls bundle " + twin + " and installs this file in its place");
        expected.put("notes.txt", "not a jar; ignored (only *.jar files are deployed)");
        expected.put("sub", "a folder; ignored (jars in folders inside the deploy folder are not deployed)");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            awaitLine(e.getKey(), e.getValue());
        }
        awaitDiag("throws.jar did not start", () -> String.valueOf(line("throws.jar")).startsWith("installed as bundle "
                + throwsId + " but did not start: its activator threw IllegalStateException: no database (at "));
        assertTrue(line("throws.jar"), line("throws.jar").endsWith("; fix the bundle and copy it again"));
        awaitDiag("refused.jar is refused", () -> String.valueOf(line("refused.jar")).startsWith("refused by the framework: "));
        assertTrue(line("refused.jar"), line("refused.jar").contains("one.two")
                && line("refused.jar").endsWith("; fix the bundle and copy it again"));
        awaitDiag("cut.jar is judged cut short", () -> String.valueOf(line("cut.jar"))
                .startsWith("a zip that is cut short or damaged ("));
        assertTrue(line("cut.jar"), line("cut.jar").endsWith(") and no longer changing: copy the complete jar again"));

        assertEquals(diag(), 12, deployLines().size());
        String check = shell("apps:check");
        assertTrue(check, check.contains("ERROR deploy: text.jar: not a zip file"));
        assertTrue(check, check.contains("ERROR deploy: needs.jar: installed as bundle " + needs + " but cannot resolve"));
        assertTrue(check, check.contains("WARNING deploy: b-twin.jar: the same symbolic name and version"));
        assertTrue(check, !check.contains("good.jar") && !check.contains("notes.txt"));
        assertExamplesReady();

        // deleting the winner installs its twin in its place; a provider arriving lets needs.jar start, same bundle
        Files.delete(d.resolve("a-twin.jar"));
        awaitDiag("b-twin.jar is installed", () -> bundleAt(d.resolve("b-twin.jar")) != null);
        awaitLine("b-twin.jar", "installed as bundle " + bundleAt(d.resolve("b-twin.jar")).getBundleId() + " (app twin READY)");
        Files.write(d.resolve("lib.jar"), library("test.lib", "com.example.missing").build());
        awaitLine("needs.jar", "installed as bundle " + needs + " (app needs READY)");
        assertEquals(12, deployLines().size());
    }

    @Test
    public void aBundleUninstalledFromTheShellStaysUninstalledUntilItsFileChanges() throws Exception {
        Path jar = deploy().resolve("shelled.jar");
        long id = deployApp("shelled.jar", "shelled", TestBundles.app("shelled"));

        shell("uninstall " + id);
        String leftAlone = "its bundle " + id + " was uninstalled from the shell, so the file is left alone until it"
                + " changes: touch or replace it to install it again, or delete it";
        awaitLine("shelled.jar", leftAlone);
        // the pass that installs a witness also passes over shelled.jar, and leaves it alone
        deployApp("witness.jar", "witness", TestBundles.app("witness"));
        assertNull(bundleAt(jar));
        assertEquals(leftAlone, line("shelled.jar"));

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1_000));
        awaitDiag("touching shelled.jar installs it again", () -> bundleAt(jar) != null);
        long again = bundleAt(jar).getBundleId();
        assertNotEquals(id, again);
        awaitLine("shelled.jar", "installed as bundle " + again + " (app shelled READY)");
    }

    @Test
    public void oddNamesWorkHoweverTheFileGotThere() throws Exception {
        List<String> names = List.of("my shop app.jar", "hash#tag.jar", "per%20cent.jar", "paren(1).jar", "ünïcødé.jar");
        List<String> ways = List.of("copy", "move", "link");
        Path staging = Files.createDirectories(deploy().getParent().resolve("staging"));
        Map<Path, String> labels = new LinkedHashMap<>();
        int i = 0;
        for (String way : ways) {
            for (String name : names) {
                String label = "odd_" + way + "_" + i++;
                Path source = staging.resolve(label + ".jar");
                Files.write(source, TestBundles.app(label).build());
                Path target = deploy().resolve(way + " " + name);
                switch (way) {
                    case "copy" -> Files.copy(source, target);
                    case "move" -> Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                    default -> Files.createSymbolicLink(target, source);
                }
                labels.put(target, label);
            }
        }
        for (Map.Entry<Path, String> e : labels.entrySet()) {
            Path file = e.getKey();
            awaitDiag(file.getFileName() + " is installed", () -> bundleAt(file) != null);
            Bundle b = bundleAt(file);
            awaitLine(file.getFileName().toString(), "installed as bundle " + b.getBundleId() + " (app " + e.getValue()
                    + " READY)");
            assertEquals(b.getBundleId(), registry.app(e.getValue()).bundleId());
        }
        assertEquals(diag(), labels.size(), deployLines().size());

        for (Path file : labels.keySet()) {
            Files.delete(file);
        }
        awaitDiag("every odd-named app and line is gone", () -> labels.values().stream()
                .allMatch(l -> registry.findApp(l).isEmpty()) && deployLines().isEmpty());
        assertExamplesReady();
    }

    @Test
    public void aSlowWriterOverAnInstalledJarKeepsTheOldVersionUntilTheNewOneIsComplete() throws Exception {
        Path jar = deploy().resolve("slow.jar");
        long id = deployApp("slow.jar", "slow", TestBundles.app("slow"));

        byte[] v2 = TestBundles.app("slow").version("2.0.0").build();
        int pieces = 4;
        String keeps = "bundle " + id + " keeps running the version before (app slow READY)";
        try (OutputStream out = Files.newOutputStream(jar)) {
            for (int p = 0; p < pieces; p++) {
                int from = v2.length * p / pieces;
                int to = v2.length * (p + 1) / pieces;
                out.write(v2, from, to - from);
                out.flush();
                if (p < pieces - 1) {
                    String step = "piece " + (p + 1) + " of " + pieces;
                    awaitDiag("apps:diag says slow.jar keeps its old version after " + step,
                            () -> String.valueOf(line("slow.jar")).contains(keeps));
                    App app = registry.app("slow");
                    assertEquals(step, AppState.READY, app.state());
                    assertEquals(step, new Version(1, 0, 0), app.version());
                    assertEquals(step, id, app.bundleId());
                }
            }
        }
        awaitDiag("slow is READY at 2.0.0", () -> registry.findApp("slow")
                .map(a -> a.isReady() && a.version().equals(new Version(2, 0, 0))).orElse(false));
        assertEquals("updated in place", id, registry.app("slow").bundleId());
        assertEquals(id, bundleAt(jar).getBundleId());
        awaitLine("slow.jar", "installed as bundle " + id + " (app slow READY)");
    }

    @Test
    public void anUpdatedProviderIsRefreshedSoItsConsumerIsWiredToTheNewVersion() throws Exception {
        Path provider = deploy().resolve("provider.jar");
        Path consumer = deploy().resolve("consumer.jar");
        Files.write(provider, library("test.provider", "com.example.shared").build());
        Files.write(consumer, TestBundles.app("consumer").header("Import-Package",
                "io.tessera.core;version=\"[1.0,2)\",org.osgi.framework,com.example.shared;version=\"[1.0,2.0)\"").build());
        awaitDiag("consumer is READY", () -> registry.findApp("consumer").map(App::isReady).orElse(false));
        long providerId = bundleAt(provider).getBundleId();
        assertEquals(bundleAt(provider).adapt(BundleRevision.class), wiredProvider(bundleAt(consumer)));

        Files.write(provider, library("test.provider", "com.example.shared").version("1.1.0").build());
        awaitDiag("the provider is updated in place", () -> bundleAt(provider) != null
                && bundleAt(provider).getVersion().equals(new Version(1, 1, 0)));
        assertEquals(providerId, bundleAt(provider).getBundleId());
        awaitDiag("consumer is wired to the new provider and READY", () -> registry.findApp("consumer")
                .map(App::isReady).orElse(false) && bundleAt(provider).adapt(BundleRevision.class)
                        .equals(wiredProvider(bundleAt(consumer))));
        awaitLine("consumer.jar", "installed as bundle " + bundleAt(consumer).getBundleId() + " (app consumer READY)");
    }

    /** The revision that provides {@code com.example.shared} to {@code b}, or null. */
    private static BundleRevision wiredProvider(Bundle b) {
        BundleWiring wiring = b.adapt(BundleWiring.class);
        if (wiring == null) {
            return null;
        }
        return wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE).stream()
                .filter(w -> "com.example.shared".equals(w.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE)))
                .map(w -> w.getProvider()).findFirst().orElse(null);
    }

    @Test
    public void deletingTheFolderRemovesItsAppsAndCreatingItAgainResumesWatching() throws Exception {
        Path jar = deploy().resolve("gone.jar");
        Files.write(jar, TestBundles.app("gone").build());
        awaitDiag("gone is READY", () -> registry.findApp("gone").map(App::isReady).orElse(false));

        Files.delete(jar);
        Files.delete(deploy());
        awaitDiag("gone is removed", () -> registry.findApp("gone").isEmpty());
        String missing = "deploy: the folder " + deploy() + " is missing: create it to deploy again (it is watched again"
                + " within a second); the apps deployed from it were uninstalled";
        awaitDiag("apps:diag says the folder is missing", () -> deployLines().equals(List.of(missing)));
        assertTrue(shell("apps:check"), shell("apps:check").contains("ERROR " + missing));
        assertExamplesReady();

        Files.createDirectories(deploy());
        Files.write(jar, TestBundles.app("gone").build());
        awaitDiag("gone is READY again", () -> registry.findApp("gone").map(App::isReady).orElse(false));
        Bundle b = bundleAt(jar);
        assertNotNull(b);
        awaitLine("gone.jar", "installed as bundle " + b.getBundleId() + " (app gone READY)");
    }
}
