package io.tessera.example.blog;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.Test;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.core.Model;
import io.tessera.testkit.TesseraRuntime;

/** The blog app's own jar in a real runtime, with the auth app it requires, through the test kit. */
public class BlogIT {

    @Test
    public void blogIsReadyWithItsModelsOnceAuthIs() throws Exception {
        try (TesseraRuntime tessera = TesseraRuntime.builder().appUnderTest().exampleApp("auth").start()) {
            App blog = tessera.awaitReady("blog");
            assertEquals(List.of("blog.Comment", "blog.Post"), blog.models().stream().map(Model::key).toList());
            assertEquals("[auth [0.1.0,1.0.0)]", blog.requirements().toString());
            assertEquals(Optional.of("auth.User"), tessera.registry().model("blog.Post").field("author").orElseThrow().reference());
        }
    }

    @Test
    public void blogWaitsWhileAuthIsStoppedAndReturnsWithIt() throws Exception {
        try (TesseraRuntime tessera = TesseraRuntime.builder().appUnderTest().exampleApp("auth").start()) {
            long auth = tessera.awaitReady("auth").bundleId();

            tessera.shell("stop " + auth);
            App waiting = tessera.awaitState("blog", AppState.WAITING);
            assertTrue(waiting.reason(), waiting.reason().contains("'auth'"));
            assertTrue(tessera.registry().findModel("blog.Post").isEmpty());

            tessera.shell("start " + auth);
            tessera.awaitReady("blog");
        }
    }

    @Test
    public void withoutAuthBlogWaitsAndSaysForWhat() throws Exception {
        try (TesseraRuntime tessera = TesseraRuntime.builder().appUnderTest().start()) {
            App blog = tessera.awaitState("blog", AppState.WAITING);
            assertEquals("field Comment.author refers to auth.User, so it requires 'auth' [0.1.0,1.0.0), which is not installed",
                    blog.reason());
            assertTrue(tessera.shell("apps:list"), tessera.shell("apps:list").contains("WAITING"));
        }
    }
}
