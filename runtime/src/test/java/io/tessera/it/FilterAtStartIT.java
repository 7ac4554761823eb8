package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * A load filter in {@code etc/io.tessera.activation.cfg} holds from the first moment of a start,
 * also a first start (or one with {@code --clean}), when ConfigAdmin has not yet had the file from
 * FileInstall: the apps it leaves out are FILTERED from the start and never run their ready hook
 * (the example apps print "[polls] ready: …" from it, and the real launcher's console shows
 * everything they print).
 */
public class FilterAtStartIT {

    private static final Pattern ROW = Pattern.compile("(?m)^(\\w+)\\s+([A-Z_]+)\\s");

    @Test
    public void aFilteredAppIsNeverReadyFromTheFirstStartOn() throws Exception {
        Path dir = HomeIT.fresh("FilterAtStartIT");
        Path etc = Files.createDirectories(dir.resolve("home/etc"));
        Files.writeString(etc.resolve("io.tessera.activation.cfg"), "# the shop without polls and blog\n"
                + "exclude.labels = polls, blog\n");
        for (String start : new String[] {"first start", "--clean", "warm start"}) {
            try (HomeShell shell = start.equals("--clean") ? HomeShell.start(dir, "--clean") : HomeShell.start(dir)) {
                assertTrue(start + ": " + shell.startLine(),
                        shell.startLine().startsWith("Tessera started in ") && shell.startLine().contains(": 3 of 5 apps READY"));
                String list = shell.run("apps:list");
                assertEquals(start + ": " + list, "FILTERED FILTERED READY READY",
                        stateOf(list, "polls") + " " + stateOf(list, "blog") + " " + stateOf(list, "auth") + " "
                                + stateOf(list, "notes"));
                assertTrue(start + ": " + shell.run("apps:info polls"),
                        shell.run("apps:info polls").contains("filtered out by exclude.labels"));
                String console = shell.process().out();
                assertTrue(start + ": auth ran its ready hook:\n" + console, console.contains("[auth] ready"));
                assertFalse(start + ": polls ran its ready hook:\n" + console, console.contains("[polls] ready"));
                assertFalse(start + ": blog ran its ready hook:\n" + console, console.contains("[blog] ready"));
                assertEquals(0, shell.stop());
            }
        }
    }

    /**
     * The launcher starts its bundles in the order of their file names, ConfigAdmin and FileInstall
     * before the registry and the apps; another assembly may start the registry and the apps first,
     * before ConfigAdmin runs at all. The rules hold from the first moment then too.
     */
    @Test
    public void aFilteredAppIsNeverReadyWhenTheRegistryStartsBeforeConfigAdmin() throws Exception {
        Path dir = HomeIT.fresh("FilterAtStartIT-order");
        Path bundles = Files.createDirectories(dir.resolve("bundles"));
        try (var jars = Files.list(HomeShell.BUNDLES)) {
            for (Path jar : jars.toList()) {
                String name = jar.getFileName().toString();
                // "0-…" sorts first, "1-…" next: the registry, then the example apps, start before ConfigAdmin
                String prefix = name.equals("tessera-registry.jar") ? "0-" : name.startsWith("tessera-example-") ? "1-" : "";
                Files.copy(jar, bundles.resolve(prefix + name));
            }
        }
        Path etc = Files.createDirectories(dir.resolve("home/etc"));
        Files.writeString(etc.resolve("io.tessera.activation.cfg"), "exclude.labels = polls, blog\n");
        try (HomeShell shell = HomeShell.start(dir, java.util.List.of("-Dtessera.bundles=" + bundles))) {
            assertTrue(shell.startLine(), shell.startLine().contains(": 3 of 5 apps READY"));
            String list = shell.run("apps:list");
            assertEquals(list, "FILTERED FILTERED", stateOf(list, "polls") + " " + stateOf(list, "blog"));
            String console = shell.process().out();
            assertFalse("polls ran its ready hook:\n" + console, console.contains("[polls] ready"));
            assertFalse("blog ran its ready hook:\n" + console, console.contains("[blog] ready"));
            assertEquals(0, shell.stop());
        }
    }

    /** Deleting the file read at start lifts its rules once FileInstall and ConfigAdmin have had it: they do not stick. */
    @Test
    public void theRulesReadAtStartGoWithTheFile() throws Exception {
        Path dir = HomeIT.fresh("FilterAtStartIT-delete");
        Path cfg = Files.createDirectories(dir.resolve("home/etc")).resolve("io.tessera.activation.cfg");
        Files.writeString(cfg, "exclude.labels = polls\n");
        try (HomeShell shell = HomeShell.start(dir)) {
            assertTrue(shell.startLine(), shell.startLine().contains(": 4 of 5 apps READY"));
            Files.delete(cfg);
            long deadline = System.nanoTime() + RuntimeProcess.DEADLINE.toNanos();
            while (!"READY".equals(stateOf(shell.run("apps:list"), "polls"))) {
                assertTrue("polls READY within " + RuntimeProcess.DEADLINE + ":\n" + shell.run("apps:list"),
                        System.nanoTime() < deadline);
                Thread.sleep(50); // polling interval of a bounded wait
            }
            assertEquals(0, shell.stop());
        }
    }

    private static String stateOf(String appsList, String label) {
        Matcher m = ROW.matcher(appsList);
        while (m.find()) {
            if (m.group(1).equals(label)) {
                return m.group(2);
            }
        }
        return null;
    }
}
