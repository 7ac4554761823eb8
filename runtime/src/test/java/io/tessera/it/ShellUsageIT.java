package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Wrong arguments to every apps:* command, through the real Gogo CommandProcessor: the
 * command's usage, never a Java exception; and the functions the shell's Tab completion uses.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellUsageIT extends TesseraTestSupport {

    private static final String INFO = "  apps:info LABEL   show everything known about one app\n";
    private static final String MODELS = "  apps:models         list the models of all READY apps, one label.Model per line with its fields\n"
            + "  apps:models LABEL   list the models of one app\n";
    private static final String DIAG = "  apps:diag         explain why apps are not READY, which bundles failed, and what each"
            + " deploy-folder file is\n"
            + "  apps:diag LABEL   explain why one app is (not) READY, which apps wait for it, and which others asked for its label\n";
    private static final String DEPS = "  apps:deps         show what every app requires and what requires it, in dependency order\n"
            + "  apps:deps LABEL   show what an app requires and what requires it\n";

    @Configuration
    public Option[] config() {
        return tesseraOptions("ShellUsageIT");
    }

    @Test
    public void wrongArgumentsGetTheCommandsUsage() throws Exception {
        String[][] cases = {
            {"apps:info", "apps:info: missing argument.\nUsage:\n" + INFO},
            {"apps:info blog extra", "apps:info: unexpected argument: extra.\nUsage:\n" + INFO},
            {"apps:info a b c", "apps:info: unexpected arguments: b c.\nUsage:\n" + INFO},
            {"apps:list x", "apps:list: unexpected argument: x.\nUsage:\n  apps:list   list every app with its state, version, bundle, name and whether it is enabled\n"},
            {"apps:models polls x", "apps:models: unexpected argument: x.\nUsage:\n" + MODELS},
            {"apps:diag blog x y", "apps:diag: unexpected arguments: x y.\nUsage:\n" + DIAG},
            {"apps:deps blog 7", "apps:deps: unexpected argument: 7.\nUsage:\n" + DEPS},
            {"apps:check now", "apps:check: unexpected argument: now.\nUsage:\n  apps:check   check every app, model class and model"
                    + " reference (this loads every model class); the last line says how many issues were found\n"},
            // not a label: an object that is no text at all still gets an answer, never a stack trace
            {"apps:info (new java.lang.Object) x", "apps:info: unexpected argument: x.\nUsage:\n" + INFO},
        };
        for (String[] c : cases) {
            String out = shell(c[0]);
            assertEquals(c[0], c[1], out);
            assertFalse(c[0] + ": " + out, out.contains("Exception"));
        }
    }

    @Test
    public void helpOptionsGiveTheUsageAlone() throws Exception {
        assertEquals("Usage:\n" + INFO, shell("apps:info --help"));
        assertEquals("Usage:\n" + MODELS, shell("apps:models -h"));
    }

    @Test
    public void rightArgumentsRunTheCommandAsBefore() throws Exception {
        assertEquals("blog is READY.\n", shell("apps:diag blog"));
        assertEquals("No app with label 'blgo'. Did you mean 'blog'?\n", shell("apps:info blgo"));
        assertEquals(2, shell("apps:models polls").lines().count());
    }

    @Test
    public void completionFunctionsNameTheLabelsAndTheCommandsThatTakeOne() throws Exception {
        try (CommandSession session = commandProcessor.createSession(System.in, System.out, System.err)) {
            assertEquals(List.of("auth", "blog", "markdown", "notes", "polls"), session.execute("apps:__labels"));
            assertEquals(List.of("apps:info", "apps:models", "apps:diag", "apps:deps", "apps:disable", "apps:enable"),
                    session.execute("apps:__labelled"));
            installAndStart(TestBundles.app("zeta"));
            settle();
            assertEquals(List.of("auth", "blog", "markdown", "notes", "polls", "zeta"), session.execute("apps:__labels"));
        }
    }
}
