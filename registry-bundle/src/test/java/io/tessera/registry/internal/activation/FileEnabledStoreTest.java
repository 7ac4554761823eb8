package io.tessera.registry.internal.activation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The state file: round trip, generations, and every kind of damage it must survive. */
public class FileEnabledStoreTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path file() {
        return folder.getRoot().toPath().resolve("enabled.properties");
    }

    private Path backup() {
        return folder.getRoot().toPath().resolve("enabled.properties.bak");
    }

    @Test
    public void aNewStoreHasNothingDisabledAndNoProblem() {
        FileEnabledStore store = new FileEnabledStore(file());
        assertEquals(Set.of(), store.disabled());
        assertNull(store.problem());
    }

    @Test
    public void whatIsSavedIsReadBackAndThePreviousGenerationKept() throws Exception {
        FileEnabledStore store = new FileEnabledStore(file());
        store.save(Set.of("blog", "auth"));
        store.save(Set.of("blog", "auth", "my-app.v2"));
        assertEquals(Set.of("auth", "blog", "my-app.v2"), new FileEnabledStore(file()).disabled());
        assertNull(new FileEnabledStore(file()).problem());
        assertEquals(Set.of("auth", "blog"), FileEnabledStore.read(backup()));
        assertFalse("no temporary file is left", Files.exists(file().resolveSibling("enabled.properties.tmp")));
        store.save(Set.of());
        assertEquals(Set.of(), new FileEnabledStore(file()).disabled());
    }

    @Test
    public void aHalfWrittenFileFallsBackToThePreviousGeneration() throws Exception {
        FileEnabledStore store = new FileEnabledStore(file());
        store.save(Set.of("auth"));
        store.save(Set.of("auth", "blog"));
        String whole = Files.readString(file());
        for (int cut : new int[] {0, 10, whole.indexOf("checksum="), whole.length() - 3}) {
            Files.writeString(file(), whole.substring(0, cut));
            FileEnabledStore again = new FileEnabledStore(file());
            assertEquals("cut at " + cut, Set.of("auth"), again.disabled());
            assertTrue(again.problem(), again.problem().startsWith("the state file " + file() + " is corrupt or half-written"));
            assertTrue(again.problem(), again.problem().contains("started from its previous generation " + backup()
                    + " (disabled: auth)"));
        }
    }

    @Test
    public void anEditedOrGarbledFileIsCaughtByItsChecksum() throws Exception {
        new FileEnabledStore(file()).save(Set.of("auth"));
        Files.writeString(file(), Files.readString(file()).replace("disabled=auth", "disabled=blog"));
        assertTrue(new FileEnabledStore(file()).problem().contains("its checksum does not match"));
        Files.write(file(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertTrue(new FileEnabledStore(file()).problem().contains("is corrupt"));
    }

    @Test
    public void withBothGenerationsCorruptEveryAppIsEnabledAndSaid() throws Exception {
        FileEnabledStore store = new FileEnabledStore(file());
        store.save(Set.of("auth"));
        store.save(Set.of("blog"));
        Files.writeString(file(), "disabled=x\n");
        Files.writeString(backup(), "garbage", StandardCharsets.UTF_8);
        FileEnabledStore again = new FileEnabledStore(file());
        assertEquals(Set.of(), again.disabled());
        assertTrue(again.problem(), again.problem().endsWith("; started with every app enabled"));
        again.save(Set.of("notes")); // a corrupt file never becomes the previous generation
        assertEquals(Set.of("notes"), new FileEnabledStore(file()).disabled());
        assertTrue(Files.readString(backup()).equals("garbage"));
    }

    @Test
    public void aMissingFileWithAPreviousGenerationUsesIt() throws Exception {
        FileEnabledStore store = new FileEnabledStore(file());
        store.save(Set.of("auth"));
        store.save(Set.of("auth", "blog"));
        Files.delete(file()); // a crash between the two renames of a save
        FileEnabledStore again = new FileEnabledStore(file());
        assertEquals(Set.of("auth"), again.disabled());
        assertTrue(again.problem(), again.problem().contains("does not exist"));
    }
}
