package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.tessera.core.AppState;

/** Real files in the folder the registry watches: good jars come and go, bad ones are explained. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeployFolderIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("DeployFolderIT");
    }

    private Path deploy() {
        return Path.of(System.getProperty("tessera.it.deploy"));
    }

    @Test
    public void aCopiedJarBecomesAnAppAndLeavesWhenDeleted() throws Exception {
        Path jar = deploy().resolve("dropped.jar");
        Files.write(jar, TestBundles.app("dropped").build());
        await("the dropped app is READY", () -> registry.findApp("dropped").map(a -> a.isReady()).orElse(false));
        assertEquals("dropped.Alpha", registry.model("dropped.Alpha").key());

        Files.delete(jar);
        await("the dropped app is gone", () -> registry.findApp("dropped").isEmpty());
        assertTrue(registry.findModel("dropped.Alpha").isEmpty());
        assertExamplesReady();
    }

    @Test
    public void aCorruptJarIsExplainedAndHarmsNoOne() throws Exception {
        Path jar = deploy().resolve("corrupt.jar");
        Files.write(jar, "this is not a zip file".getBytes());
        try {
            await("apps:diag explains corrupt.jar", () -> diag().contains("deploy: corrupt.jar: not a zip file"));
            assertTrue(shell("apps:check"), shell("apps:check").contains("ERROR deploy: corrupt.jar"));
            assertExamplesReady();
        } finally {
            Files.delete(jar);
        }
    }

    @Test
    public void aHalfWrittenJarIsExplainedAndAppearsOnceComplete() throws Exception {
        byte[] whole = TestBundles.app("halfway").build();
        Path jar = deploy().resolve("halfway.jar");
        Files.write(jar, Arrays.copyOf(whole, whole.length / 2));
        try {
            await("apps:diag has a line for halfway.jar", () -> diag().contains("deploy: halfway.jar: "));
            await("apps:diag calls halfway.jar cut short", () -> diag().contains("deploy: halfway.jar: a zip that is cut short"));
            assertExamplesReady();

            Files.write(jar, whole);
            await("the completed app is READY",
                    () -> registry.findApp("halfway").map(a -> a.state() == AppState.READY).orElse(false));
            await("apps:diag says halfway.jar is installed", () -> diag().contains("deploy: halfway.jar: installed as bundle "));
        } finally {
            Files.deleteIfExists(jar);
            await("halfway is gone", () -> registry.findApp("halfway").isEmpty());
        }
    }

    private String diag() {
        try {
            return shell("apps:diag");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
