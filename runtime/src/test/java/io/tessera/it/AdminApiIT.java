package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

import io.tessera.core.AppActivation;
import io.tessera.core.AppState;

/**
 * The admin JSON API under {@code /tessera/api/} with a real HTTP client against the real Jetty:
 * what each read returns, every kind of bad request answered with JSON an operator can act on, and
 * changes that need the admin token.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AdminApiIT extends AdminTestSupport {

    @Configuration
    public Option[] config() {
        return adminOptions("AdminApiIT");
    }

    @Before
    public void awaitWeb() throws InterruptedException {
        awaitAdmin();
    }

    @After
    public void enableExamples() throws Exception {
        AppActivation activation = context.getService(context.getServiceReference(AppActivation.class));
        for (String label : EXAMPLES) {
            if (!activation.isEnabled(label)) {
                activation.enable(label);
            }
        }
        settle();
    }

    @Test
    public void appsListsEveryAppWithStateVersionReasonEnabledModelsAndRequirements() throws Exception {
        HttpResponse<String> r = get("/tessera/api/apps");
        assertEquals(r.body(), 200, r.statusCode());
        JsonNode apps = json(r);
        List<String> labels = new ArrayList<>();
        apps.forEach(a -> labels.add(a.get("label").asText()));
        assertEquals(List.of("auth", "blog", "markdown", "notes", "polls"), labels.stream().sorted().toList());
        JsonNode blog = json(get("/tessera/api/apps/blog"));
        assertEquals("blog", blog.get("label").asText());
        assertEquals("io.tessera.example.blog", blog.get("name").asText());
        assertEquals("READY", blog.get("state").asText());
        assertEquals("", blog.get("reason").asText());
        assertTrue(blog.get("enabled").asBoolean());
        assertEquals(registry.app("blog").version().toString(), blog.get("version").asText());
        assertEquals(registry.app("blog").bundleId(), blog.get("bundleId").asLong());
        assertEquals("auth", blog.get("requires").get(0).get("label").asText());
        JsonNode post = null;
        for (JsonNode m : blog.get("models")) {
            if (m.get("key").asText().equals("blog.Post")) {
                post = m;
            }
        }
        assertTrue(blog.toString(), post != null);
        assertEquals("author", post.get("fields").get(3).get("name").asText());
        assertEquals("auth.User", post.get("fields").get(3).get("reference").asText());
    }

    @Test
    public void aStoppedAppShowsItsStateAndReason() throws Exception {
        long id = registry.app("notes").bundleId();
        shell("stop " + id);
        settle();
        try {
            JsonNode notes = json(get("/tessera/api/apps/notes"));
            assertEquals("STOPPED", notes.get("state").asText());
            assertEquals(registry.app("notes").reason(), notes.get("reason").asText());
            assertFalse(notes.get("reason").asText().isEmpty());
        } finally {
            shell("start " + id);
            settle();
        }
    }

    @Test
    public void unknownLabelsAndModelsAre404WithTheClosestSuggested() throws Exception {
        assertEquals("No app with label 'blgo'. Did you mean 'blog'?", errorMessage(get("/tessera/api/apps/blgo"), 404));
        assertEquals("blog", json(get("/tessera/api/apps/blgo")).get("suggestions").get(0).asText());
        assertTrue(errorMessage(get("/tessera/api/apps/zzzzzzzz"), 404).startsWith("No app with label 'zzzzzzzz'."));
        assertEquals("App 'blog' has no model 'Postt'. Did you mean 'Post'? Its models: Comment, Post.",
                errorMessage(get("/tessera/api/models/blog.Postt"), 404));
        assertEquals("No model 'Post': a model is named label.Model, as in blog.Post.",
                errorMessage(get("/tessera/api/models/Post"), 404));
        assertEquals("No app with label 'blgo'. Did you mean 'blog'?",
                errorMessage(post("/tessera/api/apps/blgo/disable", null, "Authorization", "Bearer " + token()), 404));
        String unknownPath = errorMessage(get("/tessera/api/nothing"), 404);
        assertTrue(unknownPath, unknownPath.startsWith("No API path '/tessera/api/nothing'. The API has: apps, apps/{label},"));
        assertTrue(errorMessage(get("/tessera/nothing.js"), 404).startsWith("No such file of the admin page: '/nothing.js'."));
    }

    @Test
    public void modelsAndModelKeys() throws Exception {
        JsonNode models = json(get("/tessera/api/models"));
        List<String> keys = new ArrayList<>();
        models.forEach(m -> keys.add(m.get("key").asText()));
        assertEquals(registry.models().stream().map(m -> m.key()).toList(), keys);
        JsonNode user = json(get("/tessera/api/models/auth.User"));
        assertEquals("auth", user.get("app").asText());
        assertEquals("User", user.get("name").asText());
        assertEquals(registry.model("auth.User").fields().size(), user.get("fields").size());
        assertEquals("auth.User", json(get("/tessera/api/models/auth.user")).get("key").asText());
    }

    @Test
    public void dependenciesAreTheRequirementGraphInLayers() throws Exception {
        JsonNode graph = json(get("/tessera/api/dependencies"));
        Map<String, String> nodes = new java.util.TreeMap<>();
        graph.get("nodes").forEach(n -> nodes.put(n.get("label").asText(), n.get("state").asText() + " " + n.get("layer").asInt()));
        assertEquals(Map.of("auth", "READY 0", "blog", "READY 1", "markdown", "READY 0", "notes", "READY 1", "polls", "READY 0"), nodes);
        List<String> edges = new ArrayList<>();
        graph.get("edges").forEach(e -> edges.add(e.get("from").asText() + "->" + e.get("to").asText()));
        assertEquals(List.of("blog->auth", "notes->auth"), edges.stream().sorted().toList());
    }

    @Test
    public void wrongMethodsAre405WithAllow() throws Exception {
        String[][] cases = {
            {"POST", "/tessera/api/apps", "GET"}, {"DELETE", "/tessera/api/apps/blog", "GET, POST"},
            {"PUT", "/tessera/api/models", "GET"}, {"GET", "/tessera/api/apps/blog/disable", "POST"},
            {"DELETE", "/tessera/api/apps/blog/enable", "POST"}, {"POST", "/tessera/api/events", "GET"},
            {"PATCH", "/tessera/api/dependencies", "GET"}, {"POST", "/tessera/", "GET, HEAD"}};
        for (String[] c : cases) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(c[1])).method(c[0], HttpRequest.BodyPublishers.noBody()));
            String message = errorMessage(r, 405);
            assertEquals(c[0] + " " + c[1], c[2], r.headers().firstValue("Allow").orElse(null));
            assertTrue(message, message.endsWith("not " + c[0] + "."));
        }
    }

    @Test
    public void changesNeedTheTokenAndRefuseOtherOrigins() throws Exception {
        HttpResponse<String> none = post("/tessera/api/apps/polls/disable", null);
        assertEquals("This change needs the admin token: send 'Authorization: Bearer <token>' with the token from "
                + tokenFile() + ".", errorMessage(none, 401));
        assertEquals("Bearer realm=\"tessera\"", none.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401, post("/tessera/api/apps/polls/disable", null, "Authorization", "Basic YWRtaW46YWRtaW4=").statusCode());
        assertEquals("Wrong admin token: use the one in " + tokenFile() + ".",
                errorMessage(post("/tessera/api/apps/polls/disable", null, "Authorization", "Bearer " + token() + "x"), 403));
        assertEquals(403, post("/tessera/api/apps/polls", "{\"enabled\": false}", "Authorization", "Bearer wrong",
                "Content-Type", "application/json").statusCode());
        String crossSite = errorMessage(post("/tessera/api/apps/polls/disable", null, "Authorization", "Bearer " + token(),
                "Origin", "http://evil.example"), 403);
        assertTrue(crossSite, crossSite.startsWith("Cross-site request refused: its Origin 'http://evil.example'"));
        settle();
        assertEquals("nothing was changed by refused requests", AppState.READY, stateOf("polls"));

        HttpResponse<String> ok = post("/tessera/api/apps/polls/disable", null, "Authorization", "Bearer " + token(),
                "Origin", "http://127.0.0.1:" + System.getProperty(WebBundles.PORT_PROPERTY));
        assertEquals(ok.body(), 200, ok.statusCode());
        assertEquals("DISABLED", json(ok).get("state").asText());
        assertFalse(json(ok).get("enabled").asBoolean());
        assertEquals(AppState.DISABLED, stateOf("polls"));
        HttpResponse<String> back = post("/tessera/api/apps/polls", "{\"enabled\": true}", "Authorization", "Bearer " + token(),
                "Content-Type", "application/json");
        assertEquals(back.body(), 200, back.statusCode());
        assertEquals("READY", json(back).get("state").asText());
        assertEquals(AppState.READY, stateOf("polls"));
    }

    @Test
    public void badBodiesSayWhatIsWrong() throws Exception {
        String[] auth = {"Authorization", "Bearer " + token(), "Content-Type", "application/json"};
        assertEquals("The request body is not JSON: Unexpected character ('n' (code 110)): was expecting double-quote to"
                + " start field name (line 1, column 3). Send a JSON object such as {\"enabled\": false}.",
                errorMessage(post("/tessera/api/apps/polls", "{ nope", auth), 400));
        assertEquals("The request body must be a JSON object such as {\"enabled\": false}, not an array.",
                errorMessage(post("/tessera/api/apps/polls", "[false]", auth), 400));
        assertEquals("The request body must be a JSON object such as {\"enabled\": false}, not a string.",
                errorMessage(post("/tessera/api/apps/polls", "\"off\"", auth), 400));
        assertEquals("The request body has no field 'enabled': send {\"enabled\": false} to disable the app, or"
                + " {\"enabled\": true} to enable it.", errorMessage(post("/tessera/api/apps/polls", "{}", auth), 400));
        assertEquals("The field 'enabled' must be true or false, not \"no\".",
                errorMessage(post("/tessera/api/apps/polls", "{\"enabled\": \"no\"}", auth), 400));
        assertEquals("The request body has an unknown field 'enable'; it takes 'enabled', as in {\"enabled\": false}.",
                errorMessage(post("/tessera/api/apps/polls", "{\"enable\": false}", auth), 400));
        assertEquals("The request body has an unknown field 'x'; this request takes none, as in {}.",
                errorMessage(post("/tessera/api/apps/polls/disable", "{\"x\": 1}", auth), 400));
        assertEquals("The request body must be JSON, sent with 'Content-Type: application/json' (not"
                + " 'application/x-www-form-urlencoded'), such as {\"enabled\": false}.",
                errorMessage(post("/tessera/api/apps/polls", "enabled=false", "Authorization", "Bearer " + token(),
                        "Content-Type", "application/x-www-form-urlencoded"), 415));
        // too large: declared by Content-Length, and streamed without one
        String big = "{\"enabled\": false, \"pad\": \"" + "a".repeat(20_000) + "\"}";
        assertEquals("The request body is too large (" + big.length() + " bytes); the API reads at most 16384 bytes.",
                errorMessage(post("/tessera/api/apps/polls", big, auth), 413));
        HttpResponse<String> streamed = send(HttpRequest.newBuilder(uri("/tessera/api/apps/polls")).headers(auth)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))));
        assertEquals("The request body is too large (more than 16384 bytes); the API reads at most 16384 bytes.",
                errorMessage(streamed, 413));
        settle();
        assertEquals("no bad body changed anything", AppState.READY, stateOf("polls"));
        assertExamplesReady();
    }

    @Test
    public void systemAppsCannotBeDisabled() throws Exception {
        Bundle b = installAndStart(TestBundles.app("sysweb").system());
        settle();
        String message = errorMessage(post("/tessera/api/apps/sysweb/disable", null, "Authorization", "Bearer " + token()), 409);
        assertTrue(message, message.contains("sysweb"));
        assertEquals(AppState.READY, stateOf("sysweb"));
        b.uninstall();
    }

    @Test
    public void thePageAndTheApiSendACspAndNosniff() throws Exception {
        for (String path : List.of("/tessera/", "/tessera/admin.js", "/tessera/admin.css", "/tessera/api/apps",
                "/tessera/api/nothing")) {
            HttpResponse<String> r = get(path);
            assertEquals(path, "nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(path + ": " + csp, csp.startsWith("default-src 'none'; script-src 'self'; style-src 'self';"));
            assertTrue(csp, csp.contains("frame-ancestors 'none'"));
        }
        HttpResponse<String> page = get("/tessera/");
        assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
        assertFalse("nothing is loaded from elsewhere: " + page.body(),
                java.util.regex.Pattern.compile("(src|href)=\"(https?:)?//").matcher(page.body()).find());
        HttpResponse<String> bare = get("/tessera");
        assertEquals(302, bare.statusCode());
        assertTrue(bare.headers().firstValue("Location").orElse(""), bare.headers().firstValue("Location").orElse("").endsWith("/tessera/"));
    }

    @Test
    public void theTokenFileIsTheOwnersOnly() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile())));
        assertTrue(token().length() >= 32);
    }

    @Test
    public void theEventStreamSendsAShellStopAndTheDeployFoldersProblems() throws Exception {
        long id = registry.app("notes").bundleId();
        try (EventStream events = new EventStream()) {
            events.next("deploy (the first report)", e -> e.name().equals("deploy"));
            shell("stop " + id);
            Event stopped = events.next("notes STOPPED", e -> e.name().equals("app") && e.data().contains("\"label\":\"notes\"")
                    && e.data().contains("\"state\":\"STOPPED\""));
            JsonNode json = stopped.json();
            assertEquals("STOPPED", json.get("app").get("state").asText());
            assertEquals(id, json.get("app").get("bundleId").asLong());
            shell("start " + id);
            events.next("notes READY", e -> e.name().equals("app") && e.data().contains("\"label\":\"notes\"")
                    && e.data().contains("\"type\":\"READY\""));

            java.nio.file.Path junk = java.nio.file.Path.of(System.getProperty("tessera.it.deploy")).resolve("junk.jar");
            Files.writeString(junk, "not a zip");
            try {
                // first "still being written" (a warning), then, once the file has stopped changing, the error
                Event deploy = events.next("deploy with junk.jar as an error", e -> e.name().equals("deploy")
                        && e.data().contains("junk.jar: not a zip file"));
                JsonNode line = deploy.json().get("lines").get(0);
                assertEquals("ERROR", line.get("severity").asText());
                assertTrue(line.toString(), line.get("text").asText().startsWith("deploy: junk.jar: not a zip file, so not a jar"));
                JsonNode report = json(get("/tessera/api/deploy"));
                assertEquals(System.getProperty("tessera.it.deploy"), report.get("folder").asText());
            } finally {
                Files.delete(junk);
            }
            events.next("deploy without junk.jar", e -> e.name().equals("deploy") && !e.data().contains("junk.jar"));
        }
        settle();
        assertExamplesReady();
    }
}
