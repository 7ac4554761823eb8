package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import io.tessera.core.App;

/**
 * A generated deploy folder: a seeded random mix of good apps, duplicates, corrupt and cut-short
 * files, zips without a manifest, jars that are not bundles, unresolvable bundles, odd names,
 * links, moved files and slow writers. Once it settles, {@code apps:diag} has exactly one true
 * line per file and every good app is READY. The seed is in every failure message; replay it with
 * {@code -Dtessera.deploy.seed=SEED}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeployFolderRandomIT extends DeployFolderSupport {

    private static final String ODD = " #%()[]+&'éü";

    @Configuration
    public Option[] config() {
        return tesseraOptions("DeployFolderRandomIT");
    }

    /** The kinds of file the folder gets. */
    enum Kind { GOOD, MOVED, LINKED, SLOW, DUPLICATE, NOT_ZIP, CUT, NO_MANIFEST, NO_SYMBOLIC_NAME, UNRESOLVABLE, TEXT }

    /** One generated file: its kind, for an app its label, for one of two duplicates the other's name. */
    record Planned(String name, Kind kind, String label, byte[] bytes, String twin) {

        Planned(String name, Kind kind, String label, byte[] bytes) {
            this(name, kind, label, bytes, null);
        }
    }

    @Test
    public void aRandomFolderSettlesWithOneTrueLinePerFile() throws Exception {
        long seed = Long.getLong("tessera.deploy.seed", System.nanoTime());
        for (int round = 0; round < 2; round++) {
            String where = "seed " + seed + ", round " + round + " (replay with -Dtessera.deploy.seed=" + seed + ")";
            try {
                run(new Random(seed + round), round);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(where + ": " + e.getMessage(), e);
            }
            emptyDeployFolder();
        }
    }

    private void run(Random random, int round) throws Exception {
        List<Planned> plan = plan(random, round);
        Path staging = Files.createDirectories(deploy().getParent().resolve("staging-" + round));
        List<Planned> slow = new ArrayList<>();
        for (Planned p : plan) {
            Path file = deploy().resolve(p.name());
            switch (p.kind()) {
                case MOVED -> Files.move(Files.write(staging.resolve(p.label() + ".jar"), p.bytes()), file,
                        StandardCopyOption.ATOMIC_MOVE);
                case LINKED -> Files.createSymbolicLink(file, Files.write(staging.resolve(p.label() + ".jar"), p.bytes()));
                case SLOW -> slow.add(p);
                default -> Files.write(file, p.bytes());
            }
        }
        writeSlowly(slow, random);

        awaitDiag("every file has its line and every good app is READY", () -> settled(plan));
        Map<String, String> expected = expectedLines(plan);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String actual = line(e.getKey());
            assertNotNull("no line for " + e.getKey() + "\n" + diag(), actual);
            assertTrue(e.getKey() + ": expected '" + e.getValue() + "', got '" + actual + "'",
                    e.getValue().endsWith("…") ? actual.startsWith(e.getValue().substring(0, e.getValue().length() - 1))
                            : actual.equals(e.getValue()));
        }
        assertEquals(diag(), plan.size(), deployLines().size());
        assertExamplesReady();
    }

    private List<Planned> plan(Random random, int round) throws IOException {
        List<Planned> plan = new ArrayList<>();
        int n = 10 + random.nextInt(10);
        for (int i = 0; i < n; i++) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            String label = "rnd" + round + "_" + i;
            String name = label + (random.nextInt(3) == 0 ? oddPart(random) : "") + (kind == Kind.TEXT ? ".txt" : ".jar");
            byte[] app = TestBundles.app(label).build();
            switch (kind) {
                case DUPLICATE -> {
                    // which of the two wins depends on which the watcher sees first: the other must name it
                    plan.add(new Planned(name, Kind.DUPLICATE, label, app, label + " copy.jar"));
                    plan.add(new Planned(label + " copy.jar", Kind.DUPLICATE, label, app, name));
                    continue;
                }
                case NOT_ZIP -> app = randomBytes(random);
                case TEXT -> app = textFile();
                case CUT -> app = Arrays.copyOf(app, 4 + random.nextInt(app.length - 30));
                case NO_MANIFEST -> app = zipWithoutManifest();
                case NO_SYMBOLIC_NAME -> app = jarWithoutSymbolicName();
                case UNRESOLVABLE -> app = TestBundles.app(label).header("Import-Package", "io.tessera.core;version=\"[1.0,2)\","
                        + "org.osgi.framework,com.example.missing" + i + ";version=\"[1.0,2.0)\"").build();
                default -> { }
            }
            plan.add(new Planned(name, kind, label, app));
        }
        Collections.shuffle(plan, random);
        return plan;
    }

    private static String oddPart(Random random) {
        StringBuilder s = new StringBuilder();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
            s.append(ODD.charAt(random.nextInt(ODD.length())));
        }
        return s.toString();
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[1 + random.nextInt(2000)];
        random.nextBytes(b);
        b[0] = 'x'; // never the zip magic
        return b;
    }

    /** Writes the slow files a piece at a time, in turns, pausing a little between turns (the pace of a slow copy). */
    private void writeSlowly(List<Planned> slow, Random random) throws IOException, InterruptedException {
        List<OutputStream> outs = new ArrayList<>();
        for (Planned p : slow) {
            outs.add(Files.newOutputStream(deploy().resolve(p.name())));
        }
        int pieces = 5;
        try {
            for (int piece = 0; piece < pieces; piece++) {
                for (int i = 0; i < slow.size(); i++) {
                    byte[] b = slow.get(i).bytes();
                    int from = b.length * piece / pieces;
                    outs.get(i).write(b, from, b.length * (piece + 1) / pieces - from);
                    outs.get(i).flush();
                }
                Thread.sleep(random.nextInt(60)); // the writer's pace, not synchronisation
            }
        } finally {
            for (OutputStream o : outs) {
                o.close();
            }
        }
    }

    private boolean settled(List<Planned> plan) {
        for (Planned p : plan) {
            boolean app = switch (p.kind()) {
                case GOOD, MOVED, LINKED, SLOW, DUPLICATE -> true;
                default -> false;
            };
            if (app && !registry.findApp(p.label()).map(App::isReady).orElse(false)) {
                return false;
            }
        }
        Map<String, String> expected = expectedLines(plan);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String actual = line(e.getKey());
            String want = e.getValue();
            if (actual == null || !(want.endsWith("…") ? actual.startsWith(want.substring(0, want.length() - 1))
                    : actual.equals(want))) {
                return false;
            }
        }
        return deployLines().size() == plan.size();
    }

    /** The line each file must have (ending in … : a line starting so), with the bundle ids as installed. */
    private Map<String, String> expectedLines(List<Planned> plan) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Planned p : plan) {
            Bundle b = bundleAt(deploy().resolve(p.name()));
            String id = b == null ? "?" : String.valueOf(b.getBundleId());
            out.put(p.name(), switch (p.kind()) {
                case GOOD, MOVED, LINKED, SLOW -> "installed as bundle " + id + " (app " + p.label() + " READY)";
                case DUPLICATE -> b != null ? "installed as bundle " + id + " (app " + p.label() + " READY)"
                        : "the same symbolic name and version (test." + p.label() + " 1.0.0) as " + p.twin()
                                + ", installed as bundle " + idAt(p.twin()) + ", which wins, so this file is not installed:"
                                + " deleting this file changes nothing; deleting " + p.twin() + " uninstalls bundle "
                                + idAt(p.twin()) + " and installs this file in its place";
                case NOT_ZIP -> "not a zip file, so not a jar: remove it, or replace it with a bundle jar";
                case CUT -> "a zip that is cut short or damaged (…";
                case NO_MANIFEST -> "a zip without META-INF/MANIFEST.MF, so not an OSGi bundle: build it as a bundle"
                        + " (for example with bnd-maven-plugin), or remove it";
                case NO_SYMBOLIC_NAME -> "a jar whose manifest has no Bundle-SymbolicName, so not an OSGi bundle: build"
                        + " it with bnd (bnd-maven-plugin), or remove it";
                case UNRESOLVABLE -> "installed as bundle " + id + " but cannot resolve: missing package com.example.missing"
                        + p.label().substring(p.label().indexOf('_') + 1) + " [1.0.0,2.0.0); install what provides it,"
                        + " and bundle " + id + " starts by itself";
                case TEXT -> "not a jar; ignored (only *.jar files are deployed)";
            });
        }
        return out;
    }

    private String idAt(String fileName) {
        Bundle b = bundleAt(deploy().resolve(fileName));
        return b == null ? "?" : String.valueOf(b.getBundleId());
    }
}
