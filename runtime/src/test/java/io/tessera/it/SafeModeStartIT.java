package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.stream.Collectors;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.tessera.core.AppState;

/** The start option: with {@code tessera.safemode=true} no app but system apps ever becomes READY until safe mode is left. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SafeModeStartIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(tesseraOptions("SafeModeStartIT"),
                frameworkProperty("tessera.safemode").value("true"));
    }

    @Test
    public void startsInSafeModeAndLeavesIt() throws Exception {
        journal.clear();
        installAndStart(TestBundles.app("sysapp").system());
        installAndStart(TestBundles.app("base"));
        settle();
        for (String label : EXAMPLES) {
            assertEquals(label, AppState.DISABLED, stateOf(label));
            assertEquals("safe mode is on: only system apps run (apps:safe-mode off leaves it)",
                    registry.app(label).reason());
        }
        assertEquals(AppState.DISABLED, stateOf("base"));
        assertEquals(AppState.READY, stateOf("sysapp"));
        assertEquals("base never ran its ready hook", java.util.List.of("sysapp:ready"), java.util.List.copyOf(journal));
        assertEquals("Safe mode is on: only system apps run (apps:safe-mode off leaves it).\n", command("apps:safe-mode"));
        String out = command("apps:safe-mode off");
        assertEquals("Safe mode is off.\nCame back (6 apps):\n  auth READY\n  base READY\n  blog READY\n  markdown READY\n  notes READY\n"
                + "  polls READY\n", out);
        assertExamplesReady();
    }

    /** A command's own output: the example apps print "[label] ..." from their hooks, which the session shows too. */
    private String command(String line) throws Exception {
        return shell(line).lines().filter(l -> !l.startsWith("[")).map(l -> l + "\n").collect(Collectors.joining());
    }
}
