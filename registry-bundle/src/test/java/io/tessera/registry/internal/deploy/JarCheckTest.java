package io.tessera.registry.internal.deploy;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.tessera.registry.internal.deploy.JarCheck.Kind;

/** Every kind of file {@link JarCheck} tells apart, from real files. */
public class JarCheckTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aBundleIsReadWithItsNameVersionAndBytes() throws IOException {
        byte[] jar = jar("Bundle-SymbolicName", "com.example.shop; singleton:=true", "Bundle-Version", "1.2.3");
        JarCheck.Result r = JarCheck.inspect(write("shop.jar", jar));
        assertEquals(Kind.BUNDLE, r.kind());
        assertEquals("com.example.shop", r.symbolicName());
        assertEquals("1.2.3", r.version());
        assertArrayEquals(jar, r.bytes());
    }

    @Test
    public void aBundleWithoutVersionHasVersionZero() throws IOException {
        assertEquals("0.0.0", JarCheck.inspect(write("a.jar", jar("Bundle-SymbolicName", "a"))).version());
    }

    @Test
    public void aJarWithoutSymbolicNameIsNotABundle() throws IOException {
        assertEquals(Kind.NO_SYMBOLIC_NAME, JarCheck.inspect(write("plain.jar", jar("Main-Class", "a.Main"))).kind());
        assertEquals(Kind.NO_SYMBOLIC_NAME, JarCheck.inspect(write("blank.jar", jar("Bundle-SymbolicName", " "))).kind());
    }

    @Test
    public void aZipWithoutManifestIsSaidSo() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(Kind.NO_MANIFEST, JarCheck.inspect(write("plain.zip.jar", bytes.toByteArray())).kind());
    }

    @Test
    public void textAndEmptyFilesAreNotZips() throws IOException {
        assertEquals(Kind.NOT_ZIP, JarCheck.inspect(write("text.jar", "just text".getBytes(StandardCharsets.UTF_8))).kind());
        assertEquals(Kind.NOT_ZIP, JarCheck.inspect(write("empty.jar", new byte[0])).kind());
    }

    @Test
    public void everyPrefixOfAJarIsCutShortNeverABundle() throws IOException {
        byte[] jar = jar("Bundle-SymbolicName", "a", "Bundle-Version", "1.0.0");
        for (int length = 4; length < jar.length; length += Math.max(1, jar.length / 40)) {
            Kind kind = JarCheck.inspect(write("cut.jar", Arrays.copyOf(jar, length))).kind();
            assertEquals("the first " + length + " of " + jar.length + " bytes", Kind.BROKEN_ZIP, kind);
        }
        assertEquals(Kind.BUNDLE, JarCheck.inspect(write("cut.jar", jar)).kind());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(folder.getRoot().toPath().resolve(name), bytes);
    }

    private static byte[] jar(String... headers) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < headers.length; i += 2) {
            m.getMainAttributes().putValue(headers[i], headers[i + 1]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.putNextEntry(new ZipEntry("com/example/Thing.class"));
            jar.write(new byte[300]);
        }
        return bytes.toByteArray();
    }
}
