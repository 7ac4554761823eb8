package io.tessera.registry.internal.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.tessera.registry.internal.deploy.FileStatus.Kind;

/** A file's problem is logged once, when its status becomes it, not on every rescan that finds it again. */
public class DeployStatusTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream previous;

    @Before
    public void captureLog() {
        previous = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @After
    public void restoreLog() {
        System.setErr(previous);
    }

    @Test
    public void aProblemIsLoggedOnceAsOneLine() {
        DeployStatus status = new DeployStatus(Path.of("/srv/deploy"));
        FileStatus notZip = new FileStatus("notes.jar", Kind.NOT_ZIP, -1, null);
        for (int rescan = 0; rescan < 3; rescan++) {
            status.put(notZip, "not a zip file, so not a jar");
        }
        status.put(new FileStatus("half.jar", Kind.WRITING, -1, null), null);
        // the console prefix is Log's business; that there is one line, and which, is this test's
        assertEquals(lines().toString(), 1, lines().size());
        assertTrue(lines().get(0), lines().get(0).endsWith("deploy: notes.jar: not a zip file, so not a jar"));
        assertEquals("in file-name order", List.of(new FileStatus("half.jar", Kind.WRITING, -1, null), notZip), status.files());
    }

    @Test
    public void theFolderGoingAndComingIsLoggedOnceEachWay() {
        DeployStatus status = new DeployStatus(Path.of("/srv/deploy"));
        status.folderMissing(false);
        status.folderMissing(true);
        status.folderMissing(true);
        status.folderMissing(false);
        status.folderMissing(false);
        assertEquals(lines().toString(), 2, lines().size());
        assertTrue(lines().get(0), lines().get(0).endsWith("deploy: the folder /srv/deploy is missing; create it to deploy again"));
        assertTrue(lines().get(1), lines().get(1).endsWith("deploy: watching /srv/deploy"));
    }

    private List<String> lines() {
        String text = err.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
