package io.tessera.registry.internal.activation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * The disabled labels in a small text file, one {@code disabled=LABEL} line each, ended by a
 * {@code checksum=} line (CRC-32 of the lines before it), so a half-written or edited file is
 * recognised. Each save writes a temporary file, syncs it, keeps the current file as the previous
 * generation ({@code NAME.bak}) and moves the new one in place with an atomic rename, then syncs
 * the folder. Loading falls back to the previous generation when the file is corrupt, and to
 * "nothing disabled" when neither is readable; it never fails, and {@link #problem()} says what
 * happened, for {@code apps:diag}, until the next save replaces the file.
 */
public final class FileEnabledStore implements EnabledStore {

    private static final String LINE = "disabled=";
    private static final String CHECKSUM = "checksum=";

    private final Path file;
    private final Path previous;
    private final Path temporary;
    private Set<String> disabled;
    private volatile String problem;

    public FileEnabledStore(Path file) {
        this.file = file;
        this.previous = file.resolveSibling(file.getFileName() + ".bak");
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
        String why;
        Set<String> loaded;
        try {
            loaded = read(file);
            why = null;
        } catch (IOException current) {
            try {
                loaded = read(previous);
                why = "the state file " + file + " " + current.getMessage() + "; started from its previous generation "
                        + previous + " (disabled: " + (loaded.isEmpty() ? "none" : String.join(", ", loaded))
                        + "); the next apps:enable or apps:disable rewrites it";
            } catch (IOException older) {
                loaded = Set.of();
                why = current instanceof NoSuchFileException ? null
                        : "the state file " + file + " " + current.getMessage() + ", and its previous generation "
                        + previous + " " + older.getMessage() + "; started with every app enabled";
            }
        }
        this.disabled = loaded;
        this.problem = why;
    }

    /** The labels a state file lists. */
    static Set<String> read(Path path) throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "does not exist");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException("is corrupt (not UTF-8 text)");
        }
        int end = text.lastIndexOf(CHECKSUM);
        if (end < 0 || (end > 0 && text.charAt(end - 1) != '\n')) {
            throw new IOException("is corrupt or half-written (no checksum line)");
        }
        String body = text.substring(0, end);
        if (!text.substring(end + CHECKSUM.length()).trim().equals(checksum(body))) {
            throw new IOException("is corrupt or half-written (its checksum does not match)");
        }
        Set<String> labels = new TreeSet<>();
        for (String line : body.split("\n")) {
            if (line.startsWith(LINE)) {
                labels.add(line.substring(LINE.length()));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                throw new IOException("is corrupt (unexpected line '" + line + "')");
            }
        }
        return Set.copyOf(labels);
    }

    /** The file's text for these labels. */
    static String write(Set<String> labels) {
        StringBuilder body = new StringBuilder("# Labels the operator disabled (apps:disable); written by Tessera\n");
        for (String label : new TreeSet<>(labels)) {
            body.append(LINE).append(label).append('\n');
        }
        return body + CHECKSUM + checksum(body.toString()) + "\n";
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    @Override
    public Set<String> disabled() {
        return disabled;
    }

    @Override
    public void save(Set<String> labels) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(write(labels).getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        if (Files.exists(file)) {
            try {
                read(file); // only a good file becomes the previous generation
                Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException corrupt) {
                // keep the older good generation as it is
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncFolder(file.getParent());
        disabled = Set.copyOf(labels);
        problem = null; // what was wrong with the file is gone with it
    }

    /** Makes the renames durable: on Linux a folder's entries are synced through the folder. */
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some systems cannot open a folder; the rename is then as durable as the system makes it
        }
    }

    @Override
    public String problem() {
        return problem;
    }

    /** The file the labels are kept in. */
    public Path file() {
        return file;
    }
}
