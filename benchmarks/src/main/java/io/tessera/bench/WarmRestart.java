package io.tessera.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figure 6: restarting a warm home. A home with 100 generated app bundles installed and started from
 * the shell ({@code start file:…} typed into the launcher's Gogo), every tenth of them then disabled
 * ({@code apps:disable warm9}, …), restarted until the launcher says every enabled app is READY and
 * the disabled ones DISABLED ("Tessera started in …: 95 of 105 apps READY (…, warm9 DISABLED, …)");
 * against bare Felix
 * ({@code -Dtessera.apps=false}) restarting from the same kind of cache: tessera-core and the same
 * 100 bundles installed and started from the shell, until "Felix started in" (Felix has started
 * every bundle of its cache by then). Alternating, standard input closed, no shell; each restart
 * ends with SIGTERM, which keeps the cache as it was.
 */
final class WarmRestart {

    static final int APPS = 100;
    /** Every tenth generated app is disabled: warm9, warm19, …, warm99. */
    static final int DISABLED_EVERY = 10;

    private WarmRestart() {
    }

    static List<Benchmarks.Row> run(Benchmarks.Settings s, List<String> notes) throws Exception {
        Path work = s.scratch().resolve("warm");
        Embedded.deleteTree(work);
        Path jars = Files.createDirectories(work.resolve("jars"));
        List<Path> apps = new ArrayList<>();
        for (int i = 0; i < APPS; i++) {
            apps.add(BundleJars.app(jars.resolve("warm" + i + ".jar"), "bench.warm" + i, "warm" + i));
        }
        Path tesseraHome = work.resolve("tessera-home");
        Path bareHome = work.resolve("bare-home");
        List<String> disabled = new ArrayList<>();
        for (int i = DISABLED_EVERY - 1; i < APPS; i += DISABLED_EVERY) {
            disabled.add("warm" + i);
        }
        prepare(s, tesseraHome, apps, disabled, true);
        List<Path> bare = new ArrayList<>(List.of(s.bundles().resolve("tessera-core.jar")));
        bare.addAll(apps);
        prepare(s, bareHome, bare, List.of(), false);

        int pairs = s.quick() ? 3 : 10;
        List<Double> tessera = new ArrayList<>();
        List<Double> felix = new ArrayList<>();
        try {
            for (int p = -1; p < pairs; p++) {
                boolean tesseraFirst = (p & 1) == 0;
                double a = restart(s, tesseraFirst ? tesseraHome : bareHome, tesseraFirst, disabled);
                double b = restart(s, tesseraFirst ? bareHome : tesseraHome, !tesseraFirst, disabled);
                double t = tesseraFirst ? a : b;
                double f = tesseraFirst ? b : a;
                s.log(String.format(Locale.ROOT, "warm restart pair %s: tessera %.0f ms, bare %.0f ms",
                        p < 0 ? "warm-up (not counted)" : Integer.toString(p + 1), t, f));
                if (p >= 0) {
                    tessera.add(t);
                    felix.add(f);
                }
            }
        } finally {
            Embedded.deleteTree(work);
        }
        Stats ts = new Stats(tessera);
        Stats fs = new Stats(felix);
        boolean met = ts.median() <= 1.25 * fs.median();
        notes.add("Warm restart: " + APPS + " app bundles installed from the shell, " + disabled.size() + " of them disabled"
                + " (apps:disable); bare Felix restarts tessera-core and the same bundles from its cache.");
        return List.of(new Benchmarks.Row("6", "warm restart: process -> " + (APPS + 5 - disabled.size())
                + " apps READY, " + disabled.size() + " DISABLED ms", ts,
                "bare Felix, same cache (-Dtessera.apps=false)", fs, "<= 1.25x", met ? "yes" : "NO"));
    }

    /**
     * Types "start file:…" for each jar into a first start of the launcher on {@code home}, then
     * "apps:disable LABEL" for each of {@code disabled}, then "stop 0".
     */
    private static void prepare(Benchmarks.Settings s, Path home, List<Path> jars, List<String> disabled, boolean tessera)
            throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (Path jar : jars) {
            script.append("start ").append(jar.toUri()).append('\n');
        }
        for (String label : disabled) {
            script.append("apps:disable ").append(label).append('\n');
        }
        script.append("stop 0\n");
        Path input = Files.writeString(Files.createDirectories(home).resolve("prepare.gosh"), script);
        List<String> cmd = new ArrayList<>(List.of(Child.java().toString(), "-Dtessera.shell=true", "-Dtessera.home=" + home));
        if (!tessera) {
            cmd.add("-Dtessera.apps=false");
        }
        cmd.addAll(List.of("-jar", s.launcher().toString()));
        Process p = new ProcessBuilder(cmd).redirectInput(input.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(s.out().resolve("warm-children.log").toFile()))
                .redirectErrorStream(true).start();
        Benchmarks.CHILDREN.add(p);
        if (!p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("preparing the warm home " + home + " failed: see warm-children.log");
        }
        Benchmarks.CHILDREN.remove(p);
    }

    /** Milliseconds from process start to the line saying everything is started (and {@code disabled} DISABLED). */
    private static double restart(Benchmarks.Settings s, Path home, boolean tessera, List<String> disabled) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Child.java().toString(), "-Dtessera.shell=false", "-Dtessera.home=" + home));
        if (!tessera) {
            cmd.add("-Dtessera.apps=false");
        }
        cmd.addAll(List.of("-jar", s.launcher().toString()));
        String expected = tessera ? "Tessera started in " : "Felix started in ";
        try (Child child = Child.start(cmd, s.out().resolve("warm-children.log"))) {
            Child.Line line = child.await(l -> l.startsWith(expected), 120_000);
            String all = (APPS + 5 - disabled.size()) + " of " + (APPS + 5) + " apps READY";
            if (tessera && !line.text().contains(": " + all)) {
                throw new IllegalStateException("not " + all + ": " + line.text());
            }
            for (String label : tessera ? disabled : List.<String>of()) {
                if (!line.text().contains(" " + label + " DISABLED")) {
                    throw new IllegalStateException(label + " is not DISABLED: " + line.text());
                }
            }
            return (line.nanos() - child.startNanos()) / 1e6;
        }
    }
}
