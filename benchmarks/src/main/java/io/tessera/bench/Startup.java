package io.tessera.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figure 4: the launcher from process start until it prints that the example apps are READY
 * ("Tessera started ..."), against the same launcher with {@code -Dtessera.apps=false} ("Felix
 * started ..."), alternating, shell on and standard input closed. Clean storage on tmpfs and an
 * empty deploy folder for every start. One untimed pair first (file cache).
 */
final class Startup {

    private Startup() {
    }

    static List<Benchmarks.Row> run(Benchmarks.Settings s, List<String> notes) throws Exception {
        int pairs = s.quick() ? 4 : 10;
        List<Double> tessera = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Double> tesseraInternal = new ArrayList<>();
        List<Double> bareInternal = new ArrayList<>();
        for (int p = -1; p < pairs; p++) {
            boolean tesseraFirst = (p & 1) == 0;
            double[] a = once(s, tesseraFirst);
            double[] b = once(s, !tesseraFirst);
            double[] t = tesseraFirst ? a : b;
            double[] f = tesseraFirst ? b : a;
            if (p < 0) {
                s.log(String.format(Locale.ROOT, "start-up warm-up pair (not counted): tessera %.0f ms, bare %.0f ms", t[0], f[0]));
                continue;
            }
            tessera.add(t[0]);
            bare.add(f[0]);
            tesseraInternal.add(t[1]);
            bareInternal.add(f[1]);
            s.log(String.format(Locale.ROOT, "start-up pair %d: tessera %.0f ms (launcher says %.0f), bare %.0f ms (%.0f)",
                    p + 1, t[0], t[1], f[0], f[1]));
        }
        Stats ts = new Stats(tessera);
        Stats bs = new Stats(bare);
        boolean met = ts.median() <= 1.25 * bs.median() && ts.median() <= 1000;
        List<Benchmarks.Row> rows = new ArrayList<>();
        rows.add(new Benchmarks.Row("4", "start-up: process -> 5 apps READY ms", ts, "-Dtessera.apps=false", bs,
                "<= 1.25x and <= 1000 ms", met ? "yes" : "NO"));
        notes.add(String.format(Locale.ROOT, "Start-up: the launcher's own figure (from main() on, without JVM start) is %s ms"
                + " with the apps vs %s ms bare (%.2fx).", Stats.format(new Stats(tesseraInternal).median()),
                Stats.format(new Stats(bareInternal).median()),
                new Stats(tesseraInternal).median() / new Stats(bareInternal).median()));
        return rows;
    }

    /** {ms from process start to the line, ms the launcher printed}. */
    private static double[] once(Benchmarks.Settings s, boolean tessera) throws Exception {
        Path work = s.scratch().resolve("startup-" + (tessera ? "tessera" : "bare"));
        Embedded.deleteTree(work);
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        List<String> cmd = new ArrayList<>(List.of(Child.java().toString(), "-Dtessera.shell=true",
                "-Dtessera.deploy=" + deploy,
                "-Dtessera.home=" + work.resolve("home")));
        if (!tessera) {
            cmd.add("-Dtessera.apps=false");
        }
        cmd.addAll(List.of("-jar", s.launcher().toString()));
        String expected = tessera ? "Tessera started in " : "Felix started in ";
        try (Child child = Child.start(cmd, s.out().resolve("startup-children.log"))) {
            Child.Line line = child.await(l -> l.startsWith(expected), 60_000);
            double ms = (line.nanos() - child.startNanos()) / 1e6;
            if (tessera && !line.text().contains(": 5 of 5 apps READY")) {
                throw new IllegalStateException("the example apps are not all READY: " + line.text());
            }
            String rest = line.text().substring(expected.length());
            double internal = Double.parseDouble(rest.substring(0, rest.indexOf(" ms")));
            return new double[] {ms, internal};
        } finally {
            Embedded.deleteTree(work);
        }
    }
}
