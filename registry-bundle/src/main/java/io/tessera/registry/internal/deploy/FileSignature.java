package io.tessera.registry.internal.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * What a file's content is known by without reading it: size, modification time and identity
 * (inode). A write changes size or time; a file moved or linked over another changes identity
 * even when size and time are equal. Links are followed.
 *
 * @param fileKey the file system's identity of the file, as text ({@code ""} when it has none)
 */
public record FileSignature(long size, long modifiedMillis, String fileKey) {

    public static FileSignature of(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileSignature(a.size(), a.lastModifiedTime().toMillis(), Objects.toString(a.fileKey(), ""));
    }

    /** {@code size:millis}, the form kept across restarts (the identity does not survive a copy of the folder). */
    public String persistentForm() {
        return size + ":" + modifiedMillis;
    }
}
