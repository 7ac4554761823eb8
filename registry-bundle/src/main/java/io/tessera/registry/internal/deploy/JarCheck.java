package io.tessera.registry.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/**
 * What a file in the deploy folder is, read once: not a zip, a zip without a manifest, a jar
 * whose manifest has no {@code Bundle-SymbolicName}, or a bundle (with its bytes, so that what is
 * installed is exactly what was checked). A file whose size, modification time or identity
 * changed while it was read is reported as {@link Kind#CHANGING}: it is still being written.
 *
 * <p>A zip is checked through {@link JarFile}, which reads the end record and central directory
 * at the end of the file: a jar that is only partly written has no end record yet, so it is never
 * taken for a complete one.
 */
public final class JarCheck {

    /** What the file is. */
    public enum Kind { CHANGING, NOT_ZIP, BROKEN_ZIP, NO_MANIFEST, NO_SYMBOLIC_NAME, BUNDLE }

    /**
     * The outcome: for {@link Kind#BUNDLE} the symbolic name (without directives), version text
     * (as written, or {@code 0.0.0}) and the bytes; {@code detail} says why a file is not a zip.
     */
    public record Result(Kind kind, FileSignature signature, String symbolicName, String version, byte[] bytes,
            String detail) {

        static Result of(Kind kind, FileSignature signature, String detail) {
            return new Result(kind, signature, null, null, null, detail);
        }
    }

    private JarCheck() {
    }

    /** Reads {@code file} (following links). */
    public static Result inspect(Path file) throws IOException {
        FileSignature before = FileSignature.of(file);
        Result result = read(file, before);
        FileSignature after = FileSignature.of(file);
        return after.equals(before) ? result : Result.of(Kind.CHANGING, after, "changed while it was read");
    }

    private static Result read(Path file, FileSignature signature) throws IOException {
        Manifest manifest;
        try (JarFile jar = new JarFile(file.toFile(), false)) {
            manifest = jar.getManifest();
        } catch (ZipException e) {
            return Result.of(startsLikeZip(file) ? Kind.BROKEN_ZIP : Kind.NOT_ZIP, signature, e.getMessage());
        } catch (SecurityException | IllegalArgumentException e) {
            return Result.of(Kind.NO_MANIFEST, signature, e.getMessage());
        }
        if (manifest == null) {
            return Result.of(Kind.NO_MANIFEST, signature, null);
        }
        Attributes main = manifest.getMainAttributes();
        String bsn = main.getValue("Bundle-SymbolicName");
        if (bsn == null || bsn.isBlank()) {
            return Result.of(Kind.NO_SYMBOLIC_NAME, signature, null);
        }
        String version = main.getValue("Bundle-Version");
        byte[] bytes = Files.readAllBytes(file);
        return new Result(Kind.BUNDLE, signature, bsn.split(";", 2)[0].trim(),
                version == null ? "0.0.0" : version.trim(), bytes, null);
    }

    /** A zip's first bytes are {@code PK\3\4} (or {@code PK\5\6} for an empty one). */
    static boolean startsLikeZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5);
        }
    }
}
