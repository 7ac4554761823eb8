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
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.osgi.BundleProblems;

/**
 * The {@code apps:*} Gogo commands. Each returns its whole output as text; a wrong label gives
 * the registry's suggestion, never a stack trace.
 */
public final class AppCommands {

    public static final String[] FUNCTIONS = {"list", "info", "models", "diag", "deps", "check"};

    private final TesseraRegistry registry;
    private final BundleProblems problems;
    private final DeployFolder deployFolder;

    public AppCommands(TesseraRegistry registry, BundleProblems problems, DeployFolder deployFolder) {
        this.registry = registry;
        this.problems = problems;
        this.deployFolder = deployFolder;
    }

    @Descriptor("list every app with its state, version, bundle and name")
    public String list() {
        TextTable table = new TextTable("LABEL", "STATE", "VERSION", "BUNDLE", "NAME");
        Map<AppState, Integer> counts = new TreeMap<>();
        List<App> apps = registry.apps();
        for (App a : apps) {
            table.row(a.label(), a.state(), a.version(), a.bundleId(), a.name());
            counts.merge(a.state(), 1, Integer::sum);
        }
        String summary = Plural.count(apps.size(), "app") + (counts.isEmpty() ? "" : ": "
                + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        int notReady = apps.size() - counts.getOrDefault(AppState.READY, 0);
        return table + summary + (notReady > 0 ? " (apps:diag says why)" : "") + "\n";
    }

    @Descriptor("show everything known about one app")
    public String info(@Descriptor("app label") String label) {
        return withApp(label, this::describeApp);
    }

    private String describeApp(App a) {
        StringBuilder out = new StringBuilder();
        out.append(a.label()).append(" (").append(a.verboseName()).append(")\n");
        line(out, "name", a.name());
        line(out, "state", a.state() + (a.reason().isEmpty() ? "" : ": " + a.reason()));
        line(out, "version", a.version());
        line(out, "bundle", a.origin());
        line(out, "requires", a.requirements().isEmpty() ? "nothing" : a.requirements().stream()
                .map(this::describeRequirement).collect(Collectors.joining(", ")));
        List<String> requiredBy = requiredBy(a.label());
        line(out, "required by", requiredBy.isEmpty() ? "nothing" : String.join(", ", requiredBy));
        out.append("  models:").append(a.models().isEmpty() ? " none\n" : "\n");
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

    @Descriptor("explain why apps are not READY, and which bundles and deploy-folder files failed")
    public String diag() {
        StringBuilder out = new StringBuilder();
        for (App a : registry.apps()) {
            if (!a.isReady()) {
                out.append(diagnose(a));
            }
        }
        for (BundleProblems.Problem p : problems.current()) {
            out.append("bundle ").append(p.bundleId()).append(' ').append(p.symbolicName()).append(" (")
                    .append(p.location()).append(") did not start: ").append(p.reason()).append('\n');
        }
        for (String p : deployFolder.problems()) {
            out.append("deploy: ").append(p).append('\n');
        }
        int apps = registry.apps().size();
        return out.length() > 0 ? out.toString() : apps == 0 ? "No apps are installed; nothing to report.\n"
                : (apps == 1 ? "The 1 app is" : "All " + apps + " apps are") + " READY; nothing to report.\n";
    }

    @Descriptor("explain why one app is (not) READY")
    public String diag(@Descriptor("app label") String label) {
        return withApp(label, a -> a.isReady() ? a.label() + " is READY.\n" : diagnose(a));
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
        for (BundleProblems.Problem p : problems.current()) {
            issues.add("ERROR bundle " + p.bundleId() + " " + p.symbolicName() + ": " + p.reason());
            errors++;
        }
        for (String p : deployFolder.problems()) {
            issues.add("ERROR deploy: " + p);
            errors++;
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
        return a.label() + " " + a.state() + ": " + a.reason() + "\n    " + a.origin() + "\n";
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
