package io.tessera.it;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.After;
import org.osgi.framework.Bundle;

/**
 * What the deploy-folder tests share: the folder, the lines {@code apps:diag} prints for its
 * files, the bundle installed from a file, and files of every kind that is not a bundle.
 */
public abstract class DeployFolderSupport extends TesseraTestSupport {

    protected Path deploy() {
        return Path.of(System.getProperty("tessera.it.deploy"));
    }

    /** Empties the folder (creating it again if a test deleted it) and waits until its bundles are gone. */
    @After
    public void emptyDeployFolder() throws Exception {
        Files.createDirectories(deploy());
        try (Stream<Path> files = Files.walk(deploy())) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(deploy())).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        await("the deploy folder's bundles are gone", () -> deployLines().isEmpty() && Stream.of(context.getBundles())
                .noneMatch(b -> b.getLocation().startsWith(deploy().toUri().toString())));
    }

    /** The lines of {@code apps:diag} about the deploy folder. */
    protected List<String> deployLines() {
        List<String> out = new ArrayList<>();
        for (String l : diag().split("\n")) {
            if (l.startsWith("deploy: ")) {
                out.add(l);
            }
        }
        return out;
    }

    /** What {@code apps:diag} says about {@code fileName} (without the {@code deploy: name: } prefix), or null. */
    protected String line(String fileName) {
        String prefix = "deploy: " + fileName + ": ";
        String found = null;
        for (String l : deployLines()) {
            if (l.startsWith(prefix)) {
                assertTrue("two lines for " + fileName + ":\n" + diag(), found == null);
                found = l.substring(prefix.length());
            }
        }
        return found;
    }

    /** Waits until {@code apps:diag} says exactly {@code expected} about {@code fileName}. */
    protected void awaitLine(String fileName, String expected) throws InterruptedException {
        awaitDiag("apps:diag says about " + fileName + ": " + expected, () -> expected.equals(line(fileName)));
    }

    /** As {@code await}, with {@code apps:diag} in the failure message. */
    protected void awaitDiag(String what, BooleanSupplier condition) throws InterruptedException {
        try {
            await(what, condition);
        } catch (AssertionError e) {
            fail(e.getMessage() + "\napps:diag:\n" + diag());
        }
    }

    /**
     * Writes {@code app} (whose label is {@code label}) to {@code fileName} in the folder and waits until
     * {@code apps:diag} says it is installed and READY; returns its bundle id.
     */
    protected long deployApp(String fileName, String label, TestBundles app) throws Exception {
        Path file = Files.write(deploy().resolve(fileName), app.build());
        awaitDiag(fileName + " is installed", () -> bundleAt(file) != null);
        long id = bundleAt(file).getBundleId();
        awaitLine(fileName, "installed as bundle " + id + " (app " + label + " READY)");
        return id;
    }

    /** The bundle installed from {@code file}, by its location (the file's URI), or null. */
    protected Bundle bundleAt(Path file) {
        String location = file.toUri().toString();
        return Stream.of(context.getBundles()).filter(b -> b.getLocation().equals(location)).findFirst().orElse(null);
    }

    protected String diag() {
        try {
            return shell("apps:diag");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] textFile() {
        return "this is a text file, not a jar\n".getBytes(StandardCharsets.UTF_8);
    }

    static byte[] zipWithoutManifest() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write(textFile());
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static byte[] jarWithoutSymbolicName() throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Main-Class", "com.example.Main");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.putNextEntry(new ZipEntry("com/example/readme.txt"));
            jar.write(textFile());
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** A bundle without activator exporting {@code pkg} at version 1.0. */
    static TestBundles library(String symbolicName, String pkg) {
        return TestBundles.metadataOnly(symbolicName, "none").header("Tessera-App", null).header("Import-Package", null)
                .header("Export-Package", pkg + ";version=\"1.0\"");
    }
}
