package io.tessera.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs Tessera's benchmarks and prints one table. These are measurements, not tests: nothing
 * here fails on a timing; a target that is not met is reported as such.
 *
 * <pre>
 * java -jar benchmarks/target/tessera-benchmarks.jar [--quick] [--only=lookups,churn,deploy,startup,memory,warm,events]
 *      [--churn-n=100,1000,5000] [--runtime=runtime/target] [--out=benchmarks/target/bench-results]
 * </pre>
 */
public final class Benchmarks {

    static final List<Process> CHILDREN = new CopyOnWriteArrayList<>();
    static final List<String> ALL = List.of("lookups", "churn", "deploy", "startup", "memory", "warm", "events");

    /** One line of the table; {@code ratio} is median over baseline median. */
    public record Row(String figure, String measurement, Stats value, String baselineName, Stats baseline,
            String target, String met) {

        String ratio() {
            if (baseline == null) {
                return "";
            }
            double r = value.median() / baseline.median();
            return String.format(Locale.ROOT, r >= 100 ? "%.0fx" : "%.2fx", r);
        }
    }

    /** What a run does. */
    public record Settings(boolean quick, Path runtime, Path out, Path scratch, Set<String> only, int[] churnN) {

        Path bundles() {
            return runtime.resolve("bundles");
        }

        Path launcher() {
            return runtime.resolve("tessera-runtime.jar");
        }

        void log(String message) {
            String line = "[" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + message;
            System.out.println(line);
            try {
                Files.writeString(out.resolve("progress.log"), line + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // the console has it
            }
        }
    }

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Settings parsed = settings(args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CHILDREN.forEach(Process::destroyForcibly);
            Embedded.deleteTree(parsed.scratch());
        }, "bench-cleanup"));
        Settings s = parsed;
        String machine = machine();
        s.log("Tessera benchmarks, " + (s.quick() ? "quick" : "full") + " mode: " + s.only());
        s.log(machine);
        s.log("runtime: " + s.runtime() + "; scratch (framework storage): " + s.scratch() + "; logs: " + s.out());
        if (!Files.isRegularFile(s.launcher()) || !Files.isRegularFile(s.bundles().resolve("tessera-registry.jar"))) {
            throw new IllegalStateException("no " + s.launcher() + " or " + s.bundles()
                    + ": build first with 'mvn -B -q -pl benchmarks -am package -DskipTests'");
        }
        s = snapshot(s);

        long t0 = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String section : ALL) {
            if (!s.only().contains(section)) {
                continue;
            }
            long ts = System.nanoTime();
            s.log("== " + section);
            switch (section) {
                case "lookups" -> rows.addAll(Lookups.run(s, notes));
                case "churn" -> rows.addAll(Churn.run(s, notes));
                case "deploy" -> rows.addAll(Deploy.run(s, notes));
                case "startup" -> rows.addAll(Startup.run(s, notes));
                case "memory" -> rows.addAll(Memory.run(s, notes));
                case "warm" -> rows.addAll(WarmRestart.run(s, notes));
                case "events" -> rows.addAll(EventLatency.run(s, notes));
                default -> throw new IllegalArgumentException(section);
            }
            s.log("== " + section + " took " + (System.nanoTime() - ts) / 1_000_000_000 + " s");
        }
        String table = table(rows);
        String report = "Tessera benchmarks, " + (s.quick() ? "quick" : "full") + " mode, "
                + LocalDateTime.now().withNano(0) + ", took " + (System.nanoTime() - t0) / 1_000_000_000 + " s\n"
                + machine + "\n\n" + table + "\n" + (notes.isEmpty() ? "" : String.join("\n", notes) + "\n");
        System.out.println();
        System.out.println(report);
        Path file = s.out().resolve("results-" + (s.quick() ? "quick-" : "full-")
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.writeString(file, report);
        System.out.println("Written to " + file);
        Embedded.deleteTree(s.scratch());
    }

    /**
     * Copies the launcher, its lib/ and bundles/ to the scratch folder and measures that copy, so
     * that a rebuild of runtime/target during a run cannot change what is measured half-way.
     */
    private static Settings snapshot(Settings s) throws IOException {
        Path copy = s.scratch().resolve("runtime");
        for (String dir : List.of("lib", "bundles")) {
            Files.createDirectories(copy.resolve(dir));
            try (var files = Files.list(s.runtime().resolve(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    Files.copy(f, copy.resolve(dir).resolve(f.getFileName()));
                }
            }
        }
        Files.copy(s.launcher(), copy.resolve("tessera-runtime.jar"));
        try (var files = Files.list(copy.resolve("bundles"))) {
            s.log("bundles: " + files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        return new Settings(s.quick(), copy, s.out(), s.scratch(), s.only(), s.churnN());
    }

    static String table(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"#", "measurement", "median (min..max)", "baseline", "baseline median (min..max)",
                "ratio", "target", "met"});
        for (Row r : rows) {
            cells.add(new String[] {r.figure(), r.measurement(), r.value().summary() + " n=" + r.value().count(),
                    r.baselineName() == null ? "" : r.baselineName(),
                    r.baseline() == null ? "" : r.baseline().summary() + " n=" + r.baseline().count(), r.ratio(),
                    r.target(), r.met()});
        }
        int[] width = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            sb.append('|');
            for (int i = 0; i < width.length; i++) {
                sb.append(' ').append(pad(cells.get(r)[i], width[i])).append(" |");
            }
            sb.append('\n');
            if (r == 0) {
                sb.append('|');
                for (int w : width) {
                    sb.append("-".repeat(w + 2)).append('|');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    static String machine() {
        long ram = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return "machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (nproc), "
                + Math.round(ram / (1024.0 * 1024 * 1024)) + " GB RAM, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", JDK " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version");
    }

    private static Settings settings(String[] args) throws IOException, URISyntaxException {
        boolean quick = false;
        Path runtime = null;
        Path out = null;
        Set<String> only = new LinkedHashSet<>(ALL);
        int[] churnN = null;
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else if (a.startsWith("--only=")) {
                only = new LinkedHashSet<>(Arrays.asList(a.substring(7).split(",")));
                if (!ALL.containsAll(only)) {
                    throw new IllegalArgumentException("--only takes " + ALL);
                }
            } else if (a.startsWith("--runtime=")) {
                runtime = Path.of(a.substring(10));
            } else if (a.startsWith("--out=")) {
                out = Path.of(a.substring(6));
            } else if (a.startsWith("--churn-n=")) {
                churnN = Arrays.stream(a.substring(10).split(",")).mapToInt(Integer::parseInt).toArray();
            } else {
                throw new IllegalArgumentException("unknown argument " + a + "; usage: [--quick] [--only=" + String.join(",", ALL)
                        + "] [--churn-n=100,1000,5000] [--runtime=runtime/target] [--out=dir]");
            }
        }
        // benchmarks/target/tessera-benchmarks.jar -> the project root
        Path jar = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = jar.getParent() != null && jar.getParent().getParent() != null
                && jar.getParent().getParent().getParent() != null
                ? jar.getParent().getParent().getParent() : Path.of("").toAbsolutePath();
        if (runtime == null) {
            runtime = root.resolve("runtime").resolve("target");
        }
        if (out == null) {
            out = jar.getParent().resolve("bench-results");
        }
        Files.createDirectories(out);
        for (String log : List.of("progress.log", "jmh-lookups.log", "churn-children.log", "memory-children.log",
                "deploy-runtime.log", "startup-children.log", "warm-children.log")) {
            Files.deleteIfExists(out.resolve(log)); // the logs of the previous run; results-*.md are kept
        }
        Path shm = Path.of("/dev/shm");
        Path scratch = Files.createTempDirectory(Files.isDirectory(shm) && Files.isWritable(shm) ? shm
                : Path.of(System.getProperty("java.io.tmpdir")), "tessera-bench-");
        if (churnN == null) {
            churnN = quick ? new int[] {100, 1000} : new int[] {100, 1000, 5000};
        }
        return new Settings(quick, runtime.toAbsolutePath().normalize(), out.toAbsolutePath().normalize(), scratch, only,
                churnN);
    }
}
