package io.tessera.testkit.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import io.tessera.core.AppRegistry;

/**
 * The {@code Export-Package} clause of {@code tessera-core}, for the system bundle to export the
 * test's own copy of the API. The test and the bundles in the framework then share one
 * {@code io.tessera.core}: the test casts the registry service to {@link AppRegistry} and reads
 * {@code AppState}s it can compare with its own.
 */
final class CoreExport {

    private CoreExport() {
    }

    /**
     * The clause in the manifest of the {@code tessera-core} jar on the class path; when the API
     * comes from a directory without a manifest (a reactor build that has not packaged yet), the
     * clause of the copy the kit carries, which was built from the same sources.
     */
    static String clause() {
        String header = headerOf(classPathCopy());
        if (header == null) {
            header = headerOf(EmbeddedBundles.open("tessera-core"));
        }
        if (header == null || !header.startsWith("io.tessera.core")) {
            throw new IllegalStateException("tessera-core on the class path exports nothing (Export-Package: " + header
                    + "); the test kit needs the bundle built by Tessera's build");
        }
        return header;
    }

    private static InputStream classPathCopy() {
        CodeSource source = AppRegistry.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return null;
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(location)) {
                Path manifest = location.resolve(JarFile.MANIFEST_NAME);
                return Files.isRegularFile(manifest) ? Files.newInputStream(manifest) : null;
            }
            return Files.newInputStream(location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Reads a jar's {@code Export-Package}, or a bare manifest's; {@code null} for none. */
    private static String headerOf(InputStream in) {
        if (in == null) {
            return null;
        }
        try (InputStream stream = new BufferedInputStream(in)) {
            stream.mark(4);
            boolean zip = stream.read() == 'P' && stream.read() == 'K';
            stream.reset();
            Manifest manifest = zip ? new JarInputStream(stream).getManifest() : new Manifest(stream);
            return manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
