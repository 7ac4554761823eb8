package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

import io.tessera.core.App;
import io.tessera.core.AppActivation;
import io.tessera.core.AppState;

/**
 * Safe mode through the shell, and load filters through the real ConfigAdmin: every rule kind in
 * both directions, FILTERED apart from DISABLED, and an invalid rule reported with its file, line
 * and key while the rules in force stay.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SafeModeAndFiltersIT extends TesseraTestSupport {

    private static final String SAFE = "safe mode is on: only system apps run (apps:safe-mode off leaves it)";

    @Configuration
    public Option[] config() {
        return tesseraOptions("SafeModeAndFiltersIT");
    }

    private AppActivation activation() {
        return context.getService(context.getServiceReference(AppActivation.class));
    }

    private ConfigurationAdmin configAdmin() {
        return context.getService(context.getServiceReference(ConfigurationAdmin.class));
    }

    @After
    public void backToNormal() throws Exception {
        activation().setSafeMode(false);
        configAdmin().getConfiguration("io.tessera.activation", "?").delete();
        await("no app is filtered", () -> registry.apps().stream().noneMatch(a -> a.state() == AppState.FILTERED));
        for (String label : new String[] {"base", "mid"}) {
            if (!activation().isEnabled(label)) {
                activation().enable(label);
            }
        }
    }

    /** Every app's state and reason, by label. */
    private Map<String, String> states() {
        Map<String, String> out = new TreeMap<>();
        for (App a : registry.apps()) {
            out.put(a.label(), a.state() + ": " + a.reason());
        }
        return out;
    }

    @Test
    public void safeModeLeavesOnlySystemAppsAndRestoresExactlyWhatWasThere() throws Exception {
        installAndStart(TestBundles.app("sysapp").system());
        installAndStart(TestBundles.app("base"));
        installAndStart(TestBundles.app("mid").models().requires("base"));
        installAndStart(TestBundles.app("other").models().requires("nothere"));
        settle();
        shell("apps:disable mid");
        Map<String, String> before = states();
        assertEquals("Safe mode is off.\n", command("apps:safe-mode"));

        String out = command("apps:safe-mode on");
        assertTrue(out, out.startsWith("Safe mode is on: only system apps run.\nStepped down (6 apps):\n"));
        assertTrue(out, out.contains("\n  base DISABLED: " + SAFE + "\n"));
        assertEquals(AppState.READY, stateOf("sysapp"));
        for (String label : EXAMPLES) {
            assertEquals(label, "DISABLED: " + SAFE, states().get(label));
        }
        assertEquals("an operator's own decision shows first", "DISABLED: disabled by the operator (apps:enable mid"
                + " enables it)", states().get("mid"));
        assertEquals("a waiting app is switched off too", "DISABLED: " + SAFE, states().get("other"));
        assertTrue("safe mode leaves the enabled states alone", activation().isEnabled("base"));
        assertTrue(shell("apps:info base").contains("\n  enabled:     yes; safe mode is on\n"));
        assertEquals("Safe mode is on: only system apps run (apps:safe-mode off leaves it).\n", command("apps:safe-mode"));
        assertEquals("Safe mode is on: only system apps run (apps:safe-mode off leaves it).\n",
                command("apps:safe-mode on"));

        out = command("apps:safe-mode off");
        assertTrue(out, out.startsWith("Safe mode is off.\nCame back (6 apps):\n  auth READY\n"));
        assertEquals(before, states());
        assertTrue(command("apps:safe-mode maybe"), command("apps:safe-mode maybe").startsWith(
                "apps:safe-mode: wrong argument: maybe (say on or off)."));
    }

    private void awaitState(String label, String stateAndReason) throws InterruptedException {
        await(label + " is " + stateAndReason + " (it is " + states().get(label) + ")",
                () -> stateAndReason.equals(states().get(label)));
    }

    private void configure(String... keysAndValues) throws Exception {
        Path file = Path.of("target/it/SafeModeAndFiltersIT/etc/io.tessera.activation.cfg").toAbsolutePath();
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder("# load filters\n");
        Hashtable<String, Object> p = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put(keysAndValues[i], keysAndValues[i + 1]);
            text.append(keysAndValues[i]).append(" = ").append(keysAndValues[i + 1]).append('\n');
        }
        Files.writeString(file, text);
        p.put("felix.fileinstall.filename", file.toUri().toString()); // as FileInstall feeds it from etc/
        configAdmin().getConfiguration("io.tessera.activation", "?").update(p);
    }

    @Test
    public void filtersApplyAtOnceInBothDirections() throws Exception {
        installAndStart(TestBundles.app("base").tags("beta", "core"));
        installAndStart(TestBundles.app("mid").models().requires("base"));
        settle();

        configure("exclude.labels", "base");
        awaitState("base", "FILTERED: filtered out by exclude.labels=base");
        awaitState("mid", "WAITING: requires 'base', which is filtered out by exclude.labels=base");
        assertTrue("filtered is not disabled", shell("apps:list").matches("(?s).*\\nbase\\s+FILTERED\\s+\\S+\\s+\\d+\\s+\\S+\\s+yes\\n.*"));

        configure("exclude.tags", "beta, experimental");
        awaitState("base", "FILTERED: filtered out by exclude.tags=beta,experimental");
        configure("exclude.regex", "m.d");
        await("base is back", () -> stateOf("base") == AppState.READY);
        awaitState("mid", "FILTERED: filtered out by exclude.regex=m.d");

        configure("include.labels", "base,mid", "include.tags", "core");
        awaitState("blog", "FILTERED: filtered out by the include rules (include.labels=base,mid; include.tags=core),"
                + " which it matches none of");
        awaitState("mid", "READY: ");

        shell("apps:disable base");
        configure("exclude.labels", "base");
        await("a filter shows over the enabled state", () -> stateOf("base") == AppState.FILTERED);
        configAdmin().getConfiguration("io.tessera.activation", "?").delete();
        await("without rules, base is what the operator left it", () -> stateOf("base") == AppState.DISABLED);
        await("the examples are back", () -> stateOf("blog") == AppState.READY);
        shell("apps:enable base");
        assertEquals(AppState.READY, stateOf("mid"));
    }

    @Test
    public void anAppTheFilterLeavesOutNeverStartsWhenTheRegistryStarts() throws Exception {
        installAndStart(TestBundles.app("base"));
        settle();
        configure("exclude.labels", "base");
        awaitState("base", "FILTERED: filtered out by exclude.labels=base");
        org.osgi.framework.Bundle registryBundle = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("io.tessera.registry")).findFirst().orElseThrow();
        registryBundle.stop();
        journal.clear();
        registryBundle.start();
        registry = context.getService(context.getServiceReference(io.tessera.core.AppRegistry.class));
        settle();
        assertEquals("FILTERED: filtered out by exclude.labels=base", states().get("base"));
        assertTrue("base never ran its ready hook: " + journal, journal.stream().noneMatch(j -> j.startsWith("base:")));
    }

    @Test
    public void anInvalidRuleIsReportedAndThePreviousRulesStay() throws Exception {
        installAndStart(TestBundles.app("base"));
        settle();
        configure("include.regex", "ba.*|auth|blog|notes|polls");
        configure("include.regex", "ba.*|auth|blog|notes|polls", "exclude.regex", "bl(og");
        Path file = Path.of("target/it/SafeModeAndFiltersIT/etc/io.tessera.activation.cfg").toAbsolutePath();
        String expected = file + " line 3, key exclude.regex: 'bl(og' is not a valid regular expression: Unclosed"
                + " group near index 5; the rules in force stay (include.regex=ba.*|auth|blog|notes|polls); fix the"
                + " file and save it again";
        await("apps:diag reports the bad rule", () -> diag().contains(expected + "\n"));
        assertEquals(AppState.READY, stateOf("blog"));
        configure("include.labels", "blog", "exclude.labels", "base,nosuch");
        await("a good update clears it", () -> !diag().contains("regular expression"));
        awaitState("base", "FILTERED: filtered out by exclude.labels=base,nosuch");
        awaitState("auth", "FILTERED: filtered out by the include rules (include.labels=blog), which it matches none of");

        configure("include.label", "blog");
        await("an unknown key is reported", () -> diag().contains(file + " line 2, key include.label: unknown key"
                + " 'include.label' (known: include.labels, include.regex, include.tags, exclude.labels, exclude.regex,"
                + " exclude.tags); the rules in force stay (include.labels=blog; exclude.labels=base,nosuch)"));
        assertEquals(AppState.FILTERED, stateOf("auth"));
    }

    private String diag() {
        try {
            return shell("apps:diag");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A command's own output: the example apps print "[label] ..." from their hooks, which the session shows too. */
    private String command(String line) throws Exception {
        return shell(line).lines().filter(l -> !l.startsWith("[")).map(l -> l + "\n").collect(Collectors.joining());
    }
}
