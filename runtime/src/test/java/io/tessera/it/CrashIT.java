package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * {@code kill -9} at random moments: rounds of starting the real launcher on one home, random shell
 * operations ({@link CrashOperations}: install a generated app from a file, install one again,
 * uninstall, start, stop, {@code apps:disable}, {@code apps:enable}), each acknowledged once its
 * command returned, then SIGKILL, sometimes while a last command is running. After each restart
 * every acknowledged change is there, the one in flight either happened whole or not at all, and
 * nothing else changed: the runtime's own bundles are the same bundles, all active, their apps
 * READY and enabled; each generated app is READY exactly when its bundle is started and its label
 * enabled, DISABLED when started and disabled, and {@code apps:list} shows each label's enabled
 * state as it was left. The first round begins with a fixed prologue: an app disabled, its bundle
 * uninstalled and installed again from its file, and started: it stays DISABLED.
 *
 * <p>Seeded: a failure names the seed and the round; {@code -Dtessera.crash.seed=N} replays it,
 * {@code -Dtessera.crash.rounds=N} sets the rounds (at least 30 by default).
 */
public class CrashIT {

    /** A row of apps:list: label, state, version, bundle id, name, enabled. */
    private static final Pattern APP_ROW = Pattern.compile("(?m)^\\s*(\\S+)\\s+([A-Z_]+)\\s+\\S+\\s+\\d+\\s+\\S+\\s+(yes|no)\\s*$");
    private static final Pattern GENERATED = Pattern.compile("c\\d+");

    @Test
    public void everyAcknowledgedChangeSurvivesKillNineAndNothingElseChanges() throws Exception {
        long seed = Long.getLong("tessera.crash.seed", System.nanoTime());
        int rounds = Integer.getInteger("tessera.crash.rounds", 30);
        Path dir = HomeIT.fresh("CrashIT");
        Path jars = Files.createDirectories(dir.resolve("jars"));
        Random random = new Random(seed);
        CrashOperations operations = new CrashOperations(jars);
        CrashModel model = new CrashModel();
        CrashOperations.Operation inFlight = null;
        Map<String, String> runtimeBundles = null;
        int round = 0;
        try {
            for (round = 1; round <= rounds + 1; round++) {
                try (HomeShell shell = HomeShell.start(dir)) {
                    Map<String, String> bundles = shell.bundles();
                    Map<String, String> own = new TreeMap<>(bundles);
                    own.keySet().removeIf(name -> name.startsWith(CrashOperations.PREFIX));
                    if (runtimeBundles == null) {
                        runtimeBundles = own;
                    }
                    assertEquals("the runtime's own bundles", runtimeBundles, own);
                    String appsList = shell.run("apps:list");
                    List<String> mismatches = new ArrayList<>();
                    CrashModel settled = model.settle(bundles, generatedApps(appsList), inFlight, mismatches);
                    if (settled == null) {
                        fail("after the restart: " + String.join("; or ", mismatches) + "\nlb -s: " + bundles
                                + "\napps:list:\n" + appsList);
                    }
                    model = settled;
                    assertOwnAppsReadyAndEnabled(appsList);
                    if (round > rounds) {
                        assertEquals(0, shell.stop());
                        break;
                    }
                    if (round == 1) {
                        model = prologue(shell, operations, model);
                    }
                    for (int n = random.nextInt(7); n > 0; n--) {
                        CrashOperations.Operation op = operations.next(random, model);
                        String printed = shell.run(op.command());
                        model = op.appliedTo(model, printed);
                    }
                    inFlight = random.nextBoolean() ? operations.next(random, model) : null;
                    if (inFlight != null) {
                        shell.send(inFlight.command());
                    }
                    // the moment of the kill, chosen at random: not synchronisation
                    Thread.sleep(random.nextInt(120));
                    shell.kill();
                }
            }
        } catch (AssertionError | Exception e) {
            throw new AssertionError("CrashIT seed " + seed + ", round " + round + " (replay: -Dtessera.crash.seed=" + seed
                    + " -Dtessera.crash.rounds=" + rounds + "); in flight at the last kill: "
                    + (inFlight == null ? "nothing" : inFlight.command()) + "; expected " + model + ": " + e.getMessage(), e);
        }
    }

    /**
     * An app disabled, its bundle uninstalled, installed again from its file and started: DISABLED
     * at once, and (checked at every restart from here on, unless a random operation changes it) after.
     */
    private static CrashModel prologue(HomeShell shell, CrashOperations operations, CrashModel model) throws Exception {
        CrashOperations.Operation install = operations.installNew();
        model = install.appliedTo(model, shell.run(install.command()));
        String label = CrashModel.labelOf(model.bundles().keySet().iterator().next()); // the only one on a new home
        CrashOperations.Operation first = CrashOperations.start(label, model);
        model = first.appliedTo(model, shell.run(first.command()));
        CrashOperations.Operation disable = CrashOperations.switchApp(label, false);
        model = disable.appliedTo(model, shell.run(disable.command()));
        CrashOperations.Operation uninstall = CrashOperations.uninstall(label, model);
        model = uninstall.appliedTo(model, shell.run(uninstall.command()));
        CrashOperations.Operation again = operations.install(label);
        model = again.appliedTo(model, shell.run(again.command()));
        CrashOperations.Operation start = CrashOperations.start(label, model);
        model = start.appliedTo(model, shell.run(start.command()));
        String appsList = shell.run("apps:list");
        assertEquals("the app of a disabled label, installed again and started; apps:list:\n" + appsList,
                new CrashModel.Row("DISABLED", false), generatedApps(appsList).get(label));
        return model;
    }

    /** The generated apps in apps:list, by label; apps listed by bundle id (label not known yet) are not. */
    private static Map<String, CrashModel.Row> generatedApps(String appsList) {
        Map<String, CrashModel.Row> apps = new TreeMap<>();
        Matcher m = APP_ROW.matcher(appsList);
        while (m.find()) {
            if (GENERATED.matcher(m.group(1)).matches()) {
                CrashModel.Row previous = apps.put(m.group(1), new CrashModel.Row(m.group(2), "yes".equals(m.group(3))));
                assertTrue("app " + m.group(1) + " is listed twice; apps:list:\n" + appsList, previous == null);
            }
        }
        return apps;
    }

    /** The runtime's own apps (all but the generated ones and those listed by bundle id): READY and enabled. */
    private static void assertOwnAppsReadyAndEnabled(String appsList) {
        Matcher m = APP_ROW.matcher(appsList);
        int own = 0;
        while (m.find()) {
            if (!GENERATED.matcher(m.group(1)).matches() && !m.group(1).startsWith("?")) {
                own++;
                assertEquals("app " + m.group(1) + "; apps:list:\n" + appsList, "READY yes", m.group(2) + " " + m.group(3));
            }
        }
        assertTrue("the runtime's own apps are listed; apps:list:\n" + appsList, own >= 4);
    }

}
