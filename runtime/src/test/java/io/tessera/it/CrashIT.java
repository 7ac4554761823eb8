package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * {@code kill -9} at random moments: rounds of starting the real launcher on one home, random shell
 * operations ({@link CrashOperations}: install a generated app from a file, uninstall, start, stop),
 * each acknowledged once its command returned, then SIGKILL, sometimes while a last command is
 * running. After each restart every acknowledged change is there, the one in flight either
 * happened whole or not at all, and nothing else changed: the runtime's own bundles are the same
 * bundles, all active, and each app is READY exactly when its bundle is started.
 *
 * <p>Seeded: a failure names the seed and the round; {@code -Dtessera.crash.seed=N} replays it,
 * {@code -Dtessera.crash.rounds=N} sets the rounds (at least 30 by default).
 */
public class CrashIT {

    private static final Pattern APP_ROW = Pattern.compile("(?m)^\\s*(c\\d+)\\s+([A-Z_]+)\\b");

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
                    model = model.settle(bundles, inFlight);
                    assertApps(shell.run("apps:list"), model);
                    if (round > rounds) {
                        assertEquals(0, shell.stop());
                        break;
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

    /** Each known app READY exactly when its bundle is active; no app of an uninstalled bundle. */
    private static void assertApps(String appsList, CrashModel model) {
        Map<String, String> apps = new TreeMap<>();
        Matcher m = APP_ROW.matcher(appsList);
        while (m.find()) {
            apps.put(m.group(1), m.group(2));
        }
        for (Map.Entry<String, CrashModel.Bundle> e : model.bundles().entrySet()) {
            String label = e.getKey().substring(CrashOperations.PREFIX.length());
            String state = apps.remove(label);
            if (e.getValue().active()) {
                assertEquals("app " + label + " of an active bundle; apps:list:\n" + appsList, "READY", state);
            } else {
                assertTrue("app " + label + " of a stopped bundle is " + state + "; apps:list:\n" + appsList, !"READY".equals(state));
            }
        }
        if (!apps.isEmpty()) {
            fail("apps of no installed bundle: " + apps + "; apps:list:\n" + appsList);
        }
    }

}
