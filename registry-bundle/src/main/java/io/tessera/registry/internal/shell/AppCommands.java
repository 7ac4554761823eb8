package io.tessera.registry.internal.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.core.LookupException;
import io.tessera.core.Model;
import io.tessera.core.ModelField;
import io.tessera.core.Requirement;
import io.tessera.registry.internal.activation.Activation;
import io.tessera.registry.internal.deploy.DeployReport;
import io.tessera.registry.internal.deploy.FileStatus.Severity;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.index.AppRecord;
import io.tessera.registry.internal.osgi.BundleProblems;

/**
 * The {@code apps:*} Gogo commands. Each returns its whole output as text; a wrong label gives
 * the registry's suggestion, never a stack trace.
 */
public final class AppCommands {

    public static final String[] FUNCTIONS = {"list", "info", "models", "diag", "deps", "check"};

    private final TesseraRegistry registry;
    private final BundleProblems problems;
    private final DeployReport deployReport;
    private final Activation activation;

    /** @param deployReport the deploy folder's files, or {@code null} when there is no deploy folder */
    public AppCommands(TesseraRegistry registry, BundleProblems problems, DeployReport deployReport,
            Activation activation) {
        this.registry = registry;
        this.problems = problems;
        this.deployReport = deployReport;
        this.activation = activation;
    }

    /** One line per file in the deploy folder (and one if the folder is missing). */
    /** Bundle problems, except those of bundles from the deploy folder: the file's line says it. */
    private List<BundleProblems.Problem> bundleProblems() {
        List<BundleProblems.Problem> all = problems.current();
        return deployReport == null ? all : all.stream().filter(p -> !deployReport.accountsFor(p.bundleId())).toList();
    }

    private List<DeployReport.Line> deployLines() {
        return deployReport == null ? List.of() : deployReport.lines();
    }

    @Descriptor("list every app with its state, version, bundle, name and whether it is enabled")
    public String list() {
        problems.refresh();
        TextTable table = new TextTable("LABEL", "STATE", "VERSION", "BUNDLE", "NAME", "ENABLED");
        Map<AppState, Integer> counts = new TreeMap<>();
        List<App> apps = registry.apps();
        for (App a : apps) {
            table.row(a.label(), a.state(), a.version(), a.bundleId(), a.name(), enabled(a));
            counts.merge(a.state(), 1, Integer::sum);
        }
        String summary = Plural.count(apps.size(), "app") + (counts.isEmpty() ? "" : ": "
                + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        int notReady = apps.size() - counts.getOrDefault(AppState.READY, 0);
        return table + summary + (notReady > 0 ? " (apps:diag says why)" : "") + "\n";
    }

    @Descriptor("show everything known about one app")
    public String info(@Descriptor("app label") String label) {
        problems.refresh();
        return withApp(label, this::describeApp);
    }

    private String describeApp(App a) {
        StringBuilder out = new StringBuilder();
        out.append(a.label()).append(" (").append(a.verboseName()).append(")\n");
        line(out, "name", a.name());
        line(out, "state", a.state() + (a.reason().isEmpty() ? "" : ": " + a.reason()));
        line(out, "enabled", enabled(a) + (a instanceof AppRecord r && r.candidate().system() ? " (system app)" : "")
                + (activation.isSafeMode() ? "; safe mode is on" : ""));
        line(out, "version", a.version());
        line(out, "bundle", a.origin());
        line(out, "requires", notRunning(a) ? "not known until its bundle runs it"
                : a.requirements().isEmpty() ? "nothing" : a.requirements().stream()
                .map(this::describeRequirement).collect(Collectors.joining(", ")));
        List<String> requiredBy = requiredBy(a.label());
        line(out, "required by", requiredBy.isEmpty() ? "nothing" : String.join(", ", requiredBy));
        out.append("  models:").append(notRunning(a) ? " not known until its bundle runs it\n"
                : a.models().isEmpty() ? " none\n" : "\n");
        for (Model m : a.models()) {
            out.append("    ").append(m.key()).append(" (").append(m.verboseName()).append(")\n");
            for (ModelField f : m.fields()) {
                out.append("      ").append(f).append('\n');
            }
        }
        return out.toString();
    }

    @Descriptor("list the models of all READY apps, one label.Model per line with its fields")
    public String models() {
        return describeModels(registry.models());
    }

    @Descriptor("list the models of one app")
    public String models(@Descriptor("app label") String label) {
        return withApp(label, a -> (a.isReady() ? ""
                : "(" + label + " is " + a.state() + ", so its models are not in the index)\n") + describeModels(a.models()));
    }

    @Descriptor("explain why apps are not READY, which bundles failed, and what each deploy-folder file is")
    public String diag() {
        problems.refresh();
        StringBuilder out = new StringBuilder();
        for (App a : registry.apps()) {
            if (!a.isReady()) {
                out.append(diagnose(a));
            }
        }
        for (BundleProblems.Problem p : bundleProblems()) {
            out.append("bundle ").append(p.bundleId()).append(' ').append(p.symbolicName()).append(" (")
                    .append(p.location()).append(") ").append(p.reason()).append('\n');
        }
        activation.problems().forEach(p -> out.append(p).append('\n'));
        ExtensionCommands.problems(registry.apps()).forEach(p -> out.append(p).append('\n'));
        List<DeployReport.Line> deploy = deployLines();
        if (out.length() == 0 && deploy.stream().allMatch(l -> l.severity() == Severity.OK)) {
            int apps = registry.apps().size();
            out.append(apps == 0 ? "No apps are installed" : apps == 1 ? "The 1 app is READY" : "All " + apps + " apps are READY")
                    .append("; nothing to report.\n");
        }
        deploy.forEach(l -> out.append(l.text()).append('\n')); // every file, fine or not: what it is
        return out.toString();
    }

    @Descriptor("explain why one app is (not) READY, which apps wait for it, and which others asked for its label")
    public String diag(@Descriptor("app label") String label) {
        problems.refresh();
        return withApp(label, this::diagnoseLabel);
    }

    /** Everything about one label: the app it leads to, the apps waiting for it, the others refused it. */
    private String diagnoseLabel(App app) {
        String label = app.label();
        StringBuilder out = new StringBuilder(app.isReady() ? label + " is READY.\n" : diagnose(app));
        List<App> waiting = new ArrayList<>();
        List<App> rivals = new ArrayList<>();
        for (App other : registry.apps()) {
            if (other.label().equals(label) && !sameApp(other, app)) {
                rivals.add(other);
            } else if (!other.isReady() && requires(other, label)) {
                waiting.add(other);
            }
        }
        if (!waiting.isEmpty()) {
            out.append("waiting for ").append(label).append(":\n");
            waiting.forEach(w -> out.append("  ").append(w.label()).append(' ').append(w.state()).append(": ")
                    .append(w.reason()).append('\n'));
        }
        if (!rivals.isEmpty()) {
            out.append("also asked for the label '").append(label).append("':\n");
            rivals.forEach(r -> out.append("  ").append(diagnose(r).replace("\n    ", "\n      ")));
        }
        return out.toString();
    }

    /** Whether two snapshots are of one app (the index may have moved on between two reads). */
    private static boolean sameApp(App a, App b) {
        return a instanceof AppRecord ra && b instanceof AppRecord rb ? ra.id() == rb.id() : a == b;
    }

    private static boolean requires(App app, String label) {
        for (Requirement r : app.requirements()) {
            if (r.label().equals(label)) {
                return true;
            }
        }
        return false;
    }

    @Descriptor("show what every app requires and what requires it, in dependency order")
    public String deps() {
        List<App> apps = registry.apps();
        if (apps.isEmpty()) {
            return "No apps are installed.\n";
        }
        StringBuilder out = new StringBuilder();
        apps.forEach(a -> out.append(describeDeps(a)));
        return out.toString();
    }

    @Descriptor("show what an app requires and what requires it")
    public String deps(@Descriptor("app label") String label) {
        return withApp(label, this::describeDeps);
    }

    private String describeDeps(App a) {
        StringBuilder out = new StringBuilder(a.label()).append(' ').append(a.state()).append('\n');
        out.append("  requires:").append(a.requirements().isEmpty() ? " nothing\n" : "\n");
        for (Requirement r : a.requirements()) {
            out.append("    ").append(describeRequirement(r)).append('\n');
        }
        List<String> by = requiredBy(a.label());
        out.append("  required by:").append(by.isEmpty() ? " nothing\n" : "\n");
        by.forEach(b -> out.append("    ").append(b).append('\n'));
        return out.toString();
    }

    @Descriptor("check every app, model class and model reference (this loads every model class);"
            + " the last line says how many issues were found")
    public String check() {
        problems.refresh();
        List<String> issues = new ArrayList<>();
        int errors = 0;
        for (App a : registry.apps()) {
            if (a.state() == AppState.FAILED) {
                issues.add("ERROR " + a.label() + ": " + a.reason());
                errors++;
            } else if (!a.isReady()) {
                issues.add("WARNING " + a.label() + " is " + a.state() + ": " + a.reason());
            } else {
                for (String problem : unloadable(a)) {
                    issues.add("ERROR " + a.label() + ": " + problem);
                    errors++;
                }
            }
        }
        for (BundleProblems.Problem p : bundleProblems()) {
            issues.add("ERROR bundle " + p.bundleId() + " " + p.symbolicName() + " " + p.reason());
            errors++;
        }
        ExtensionCommands.problems(registry.apps()).forEach(p -> issues.add("WARNING " + p));
        for (DeployReport.Line l : deployLines()) {
            if (l.severity() == Severity.ERROR) {
                issues.add("ERROR " + l.text());
                errors++;
            } else if (l.severity() == Severity.WARNING) {
                issues.add("WARNING " + l.text());
            }
        }
        StringBuilder out = new StringBuilder();
        issues.forEach(i -> out.append(i).append('\n'));
        int apps = registry.apps().size();
        if (issues.isEmpty()) {
            return out.append("System check identified no issues (").append(Plural.count(apps, "app")).append(").\n").toString();
        }
        return out.append("System check identified ").append(Plural.count(issues.size(), "issue"))
                .append(" (").append(Plural.count(errors, "error")).append(", ")
                .append(Plural.count(issues.size() - errors, "warning")).append(") in ").append(Plural.count(apps, "app"))
                .append(".\n").toString();
    }

    /**
     * What goes wrong when the app's model classes are loaded, as Django's check imports every
     * model: a declared model is indexed from its description, so a class missing from the bundle
     * or out of step with it otherwise shows only on first use.
     */
    private static List<String> unloadable(App app) {
        List<String> problems = new ArrayList<>();
        for (Model m : app.models()) {
            try {
                m.type();
                m.fields().forEach(ModelField::type);
            } catch (IllegalStateException | LinkageError e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /** The output for the app with this label, or the registry's suggestion if there is none. */
    private String withApp(String label, Function<App, String> output) {
        App app;
        try {
            app = registry.app(label);
        } catch (LookupException e) {
            return e.getMessage() + "\n";
        }
        return output.apply(app);
    }

    private String diagnose(App a) {
        String who = a instanceof AppRecord r && !r.candidate().labelKnown()
                ? "app bundle " + a.bundleId() + " (not run here yet, so its label is not known)" : a.label();
        return who + " " + a.state() + ": " + a.reason() + "\n    " + a.origin() + "\n";
    }

    /** "yes" or "no": the operator's enabled state of the app's label. */
    private String enabled(App a) {
        return activation.isEnabled(a.label()) ? "yes" : "no";
    }

    /** Whether the app's bundle is installed but not running it: what it requires and its models are not known. */
    private static boolean notRunning(App a) {
        return a instanceof AppRecord r && r.candidate().placeholder();
    }

    private String describeRequirement(Requirement r) {
        String status = registry.findApp(r.label()).map(d -> d.state() + " " + d.version()).orElse("not installed");
        return r + " (" + status + ")";
    }

    private List<String> requiredBy(String label) {
        List<String> out = new ArrayList<>();
        for (App other : registry.apps()) {
            for (Requirement r : other.requirements()) {
                if (r.label().equals(label)) {
                    out.add(other.label() + " " + other.state() + (r.isOptional() ? " (optional)" : ""));
                }
            }
        }
        return out;
    }

    private static String describeModels(List<Model> models) {
        StringBuilder out = new StringBuilder();
        for (Model m : models) {
            out.append(m.key()).append('(').append(m.fields().stream().map(ModelField::toString)
                    .collect(Collectors.joining(", "))).append(")\n");
        }
        return out.length() == 0 ? "No models.\n" : out.toString();
    }

    private static void line(StringBuilder out, String key, Object value) {
        out.append("  ").append(String.format("%-13s", key + ":")).append(value).append('\n');
    }
}
