package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.Test;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.testkit.TesseraRuntime;

/**
 * The runtime's example jars (auth as the test kit carries it, the others from
 * {@code target/bundles}) in the test kit's framework, driven as an app author's test drives it:
 * the same apps, dependency order and shell as in the runtime.
 */
public class TestKitIT {

    private static final Path BUNDLES = Path.of(System.getProperty("tessera.bundles", "target/bundles")).toAbsolutePath();

    private static TesseraRuntime.Builder examples() {
        return TesseraRuntime.builder().exampleApp("auth").bundle(BUNDLES.resolve("tessera-example-blog.jar"))
                .bundle(BUNDLES.resolve("tessera-example-polls.jar")).bundle(BUNDLES.resolve("tessera-example-notes.jar"))
                .bundle(BUNDLES.resolve("tessera-example-markdown.jar"));
    }

    @Test
    public void theExamplesAreReadyInDependencyOrder() throws Exception {
        try (TesseraRuntime tessera = examples().start()) {
            for (String label : TesseraTestSupport.EXAMPLES) {
                tessera.awaitReady(label);
            }
            assertEquals(List.of("auth", "blog", "markdown", "notes", "polls"),
                    tessera.registry().apps().stream().map(App::label).toList());
            assertTrue(tessera.startProblems().isEmpty());
            String list = tessera.shell("apps:list");
            for (String label : TesseraTestSupport.EXAMPLES) {
                Pattern row = Pattern.compile("(?m)^" + label + "\\s+READY\\s+0\\.1\\.0\\.SNAPSHOT\\s");
                assertTrue(list, row.matcher(list).find());
            }
        }
    }

    @Test
    public void stoppingAuthFromTheShellTakesDownWhatNeedsItAndStartingItBringsThemBack() throws Exception {
        try (TesseraRuntime tessera = examples().start()) {
            long auth = tessera.awaitReady("auth").bundleId();
            tessera.awaitReady("blog");

            tessera.shell("stop " + auth);
            App blog = tessera.awaitState("blog", AppState.WAITING);
            App notes = tessera.awaitState("notes", AppState.WAITING);
            assertTrue(blog.reason(), blog.reason().contains("'auth'"));
            assertTrue(notes.reason(), notes.reason().contains("'auth'"));
            assertEquals(AppState.READY, tessera.registry().app("polls").state());

            tessera.shell("start " + auth);
            tessera.awaitReady("blog");
            tessera.awaitReady("notes");
        }
    }
}
