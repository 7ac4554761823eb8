package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** The apps:* commands and Felix's own bundle commands, through the real Gogo CommandProcessor. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("ShellIT");
    }

    @Test
    public void listShowsATableOfApps() throws Exception {
        String out = shell("apps:list");
        String[] lines = out.split("\n");
        assertTrue(out, lines[0].matches("LABEL\\s+STATE\\s+VERSION\\s+BUNDLE\\s+NAME\\s+ENABLED"));
        assertTrue(out, out.matches("(?s).*\\nblog\\s+READY\\s+0\\.1\\.0\\.SNAPSHOT\\s+\\d+\\s+io\\.tessera\\.example\\.blog\\s+yes\\n.*"));
        assertTrue(out, out.contains("5 apps: 5 READY"));
        // dependency order: auth before blog and notes
        assertTrue(out, out.indexOf("\nauth ") < out.indexOf("\nblog ") && out.indexOf("\nauth ") < out.indexOf("\nnotes "));
    }

    @Test
    public void infoShowsEverythingAboutOneApp() throws Exception {
        String out = shell("apps:info blog");
        assertTrue(out, out.startsWith("blog (Blog)\n"));
        assertTrue(out, out.contains("name:        io.tessera.example.blog"));
        assertTrue(out, out.contains("state:       READY"));
        assertTrue(out, out.contains("requires:    auth [0.1.0,1.0.0) (READY 0.1.0.SNAPSHOT)"));
        assertTrue(out, out.contains("blog.Post (post)"));
        assertTrue(out, out.contains("author: long -> auth.User"));
    }

    @Test
    public void modelsListsOneLabelDotModelPerLine() throws Exception {
        String all = shell("apps:models");
        assertTrue(all, all.contains("blog.Post(id: long, title: String, body: String, author: long -> auth.User,"
                + " published: Instant)\n"));
        assertTrue(all, all.contains("auth.Group(id: long, name: String, permissions: List<String>)\n"));
        String polls = shell("apps:models polls");
        assertEquals(polls, 2, polls.split("\n").length);
        assertTrue(polls, polls.startsWith("polls.Choice("));
    }

    @Test
    public void unknownLabelsGetASuggestionNeverAStackTrace() throws Exception {
        for (String command : new String[] {"apps:info blgo", "apps:models blgo", "apps:deps blgo", "apps:diag blgo"}) {
            String out = shell(command);
            assertTrue(command + ": " + out, out.contains("No app with label 'blgo'. Did you mean 'blog'?"));
            assertFalse(command + ": " + out, out.contains("Exception") || out.contains("\tat "));
        }
        String byName = shell("apps:info io.tessera.example.blog");
        assertTrue(byName, byName.contains("Did you mean 'blog'?"));
    }

    @Test
    public void depsShowBothDirections() throws Exception {
        String auth = shell("apps:deps auth");
        assertTrue(auth, auth.contains("requires: nothing"));
        assertTrue(auth, auth.contains("blog READY") && auth.contains("notes READY"));
        String blog = shell("apps:deps blog");
        assertTrue(blog, blog.contains("auth [0.1.0,1.0.0) (READY"));
        String all = shell("apps:deps");
        assertTrue(all, all.contains(auth) && all.contains(blog));
        assertTrue("dependency order: " + all, all.indexOf("auth READY") < all.indexOf("blog READY"));
    }

    @Test
    public void diagAndCheckReportAppsThatAreNotReady() throws Exception {
        assertTrue(shell("apps:check"), shell("apps:check").contains("System check identified no issues (5 apps)."));
        assertTrue(shell("apps:diag"), shell("apps:diag").contains("All 5 apps are READY"));
        installAndStart(TestBundles.app("needy").requires("nothere"));
        installAndStart(TestBundles.app("broken").readyThrows("boom"));
        String diag = shell("apps:diag");
        assertTrue(diag, diag.contains("needy WAITING: requires 'nothere', which is not installed"));
        assertTrue(diag, diag.contains("broken FAILED: ready() threw IllegalStateException: boom"));
        assertTrue(diag, shell("apps:diag needy").contains("needy WAITING"));
        String check = shell("apps:check");
        assertTrue(check, check.contains("ERROR broken: ready() threw"));
        assertTrue(check, check.contains("WARNING needy is WAITING"));
        assertTrue(check, check.endsWith("System check identified 2 issues (1 error, 1 warning) in 7 apps.\n"));
    }

    @Test
    public void felixBundleCommandsChangeWhatAppsListShows() throws Exception {
        Path jar = Files.createTempFile("shell-app", ".jar");
        Files.write(jar, TestBundles.app("shellapp").build());
        shell("install " + jar.toUri());
        Bundle b = context.getBundle(jar.toUri().toString());
        assertTrue("install did not install " + jar, b != null);
        long id = b.getBundleId();
        try {
            assertFalse(shell("apps:list").contains("shellapp"));
            shell("start " + id);
            assertTrue(shell("apps:list"), shell("apps:list").matches("(?s).*\\nshellapp\\s+READY\\s+1\\.0\\.0\\s+" + id + "\\s.*"));
            assertTrue(shell("apps:models"), shell("apps:models").contains("shellapp.Alpha("));
            shell("stop " + id);
            assertTrue("a stopped app is listed as such: " + shell("apps:list"),
                    shell("apps:list").matches("(?s).*\\nshellapp\\s+STOPPED\\s+1\\.0\\.0\\s+" + id + "\\s.*"));
            assertFalse(shell("apps:models").contains("shellapp."));
            shell("start " + id);
            shell("update " + id);
            assertTrue(shell("apps:list").contains("shellapp"));
        } finally {
            b.uninstall();
            Files.delete(jar);
        }
        assertFalse(shell("apps:list").contains("shellapp"));
    }
}
