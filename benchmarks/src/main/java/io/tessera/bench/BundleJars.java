package io.tessera.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import io.tessera.bench.fixture.BenchApp;
import io.tessera.bench.fixture.Comment;
import io.tessera.bench.fixture.Post;
import io.tessera.bench.probe.Probe;
import io.tessera.core.AppModel;
import io.tessera.core.Model;
import io.tessera.core.ModelField;
import io.tessera.core.internal.build.ModelIndexFormat;

/**
 * Writes the bundles the benchmarks install, with {@code java.util.jar}: the class files are
 * copied from this jar's own class path, the manifest is written here.
 */
public final class BundleJars {

    private static final String[] APP_CLASSES = {BenchApp.class.getName(), Post.class.getName(),
            Comment.class.getName()};

    /**
     * The {@value AppModel#INDEX_HEADER} header a bnd build writes for {@link Comment} and
     * {@link Post}, made with the processor's own format from the classes' descriptions (these
     * jars are written here, not by bnd).
     */
    private static final String DECLARED_INDEX = clause(Comment.class) + "," + clause(Post.class);

    private BundleJars() {
    }

    private static String clause(Class<?> model) {
        List<ModelIndexFormat.Field> fields = new ArrayList<>();
        for (ModelField f : Model.describe("bench", model).fields()) {
            fields.add(new ModelIndexFormat.Field(f.name(), f.typeName(), f.reference().orElse(null), null));
        }
        return ModelIndexFormat.clause(model.getName(), null, fields);
    }

    /** How a generated app has its two models. */
    public enum Models {
        /** With {@code @AppModel}, as the build writes them: header and index; loaded on first use. */
        DECLARED,
        /** Listed in {@code models()}: loaded and described as the app arrives. */
        LISTED,
        /** None at all. */
        NONE
    }

    /**
     * An app bundle: {@link BenchApp} (an {@code AppActivator}) publishing the app {@code label}
     * with the two declared models {@link Post} and {@link Comment}.
     */
    public static Path app(Path jar, String symbolicName, String label) throws IOException {
        return app(jar, symbolicName, label, Models.DECLARED);
    }

    /** As {@link #app(Path, String, String)}, with its models as {@code models} says. */
    public static Path app(Path jar, String symbolicName, String label, Models models) throws IOException {
        Manifest m = manifest(symbolicName, BenchApp.class.getName());
        Attributes a = m.getMainAttributes();
        a.putValue(BenchApp.LABEL_HEADER, label);
        if (models == Models.LISTED) {
            a.putValue(BenchApp.MODELS_HEADER, "listed");
        } else if (models == Models.DECLARED) {
            a.putValue(AppModel.HEADER, Comment.class.getName() + "," + Post.class.getName());
            a.putValue(AppModel.INDEX_HEADER, DECLARED_INDEX);
        }
        return write(jar, m, APP_CLASSES);
    }

    /** The deploy benchmark's probe bundle, writing to {@code probeFile}. */
    public static Path probe(Path jar, Path probeFile) throws IOException {
        Manifest m = manifest("bench-probe", Probe.class.getName());
        m.getMainAttributes().putValue(Probe.FILE_HEADER, probeFile.toAbsolutePath().toString());
        return write(jar, m, Probe.class.getName());
    }

    private static Manifest manifest(String symbolicName, String activator) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", activator);
        a.putValue("Import-Package", "io.tessera.core,org.osgi.framework");
        return m;
    }

    private static Path write(Path jar, Manifest manifest, String... classNames) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, manifest)) {
            for (String name : classNames) {
                jos.putNextEntry(new JarEntry(resourceName(name)));
                jos.write(classBytes(name));
                jos.closeEntry();
            }
        }
        return jar;
    }

    private static String resourceName(String className) {
        return className.replace('.', '/') + ".class";
    }

    /** The bytes of a class file on this jar's class path. */
    public static byte[] classBytes(String className) {
        return resourceBytes(resourceName(className));
    }

    private static byte[] resourceBytes(String path) {
        try (InputStream in = BundleJars.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " not found on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
