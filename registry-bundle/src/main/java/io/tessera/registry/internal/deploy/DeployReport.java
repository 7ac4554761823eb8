package io.tessera.registry.internal.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.registry.internal.deploy.FileStatus.Kind;
import io.tessera.registry.internal.deploy.FileStatus.Severity;

/**
 * Renders the deploy folder for {@code apps:diag} and {@code apps:check}: one line per file, and
 * one for the folder itself when it is missing. Each line says what the file is and what to do,
 * and only what will help. The state of an installed bundle and of its app is read as the line is
 * rendered, so a line is never older than the command that shows it.
 */
public final class DeployReport {

    /** One line: {@code deploy: my shop.jar: installed as bundle 12 (app shop READY)}. */
    public record Line(Severity severity, String text) {
    }

    private final DeployStatus status;
    private final BundleContext context;
    private final Supplier<List<App>> apps;

    public DeployReport(DeployStatus status, BundleContext context, Supplier<List<App>> apps) {
        this.status = status;
        this.context = context;
        this.apps = apps;
    }

    /** Every line, files in name order. */
    public List<Line> lines() {
        List<Line> out = new ArrayList<>();
        if (status.folderMissing()) {
            out.add(new Line(Severity.ERROR, "deploy: the folder " + status.folder() + " is missing: create it to"
                    + " deploy again (it is watched again within a second); the apps deployed from it were uninstalled"));
        }
        for (FileStatus f : status.files()) {
            Severity severity = f.kind().severity();
            if (f.kind() == Kind.INSTALLED && !active(f.bundleId())) {
                severity = Severity.WARNING;
            }
            out.add(new Line(severity, "deploy: " + f.fileName() + ": " + describe(f)));
        }
        return out;
    }

    /**
     * Whether a file's line speaks for bundle {@code id} (it was installed from the folder), so that
     * a report shows its problem once, as that file's line, not again as a bundle problem.
     */
    public boolean accountsFor(long id) {
        for (FileStatus f : status.files()) {
            if (f.bundleId() == id) {
                return true;
            }
        }
        return false;
    }

    /** What the file is and what to do, without its name. */
    String describe(FileStatus f) {
        long id = f.bundleId();
        return switch (f.kind()) {
            case INSTALLED -> installed(id);
            case WRITING -> id < 0 ? "still being written; it is installed once it is a complete jar"
                    : "a new version is still being written; bundle " + id + " keeps running the version before ("
                            + live(id) + ") until the file is a complete jar, then is updated in place";
            case DUPLICATE -> f.detail() + keeps(id);
            case NOT_ZIP -> "not a zip file, so not a jar: remove it, or replace it with a bundle jar" + keeps(id);
            case BROKEN_ZIP -> "a zip that is cut short or damaged (" + f.detail() + ") and no longer changing:"
                    + " copy the complete jar again" + keeps(id);
            case NO_MANIFEST -> "a zip without META-INF/MANIFEST.MF, so not an OSGi bundle: build it as a bundle"
                    + " (for example with bnd-maven-plugin), or remove it" + keeps(id);
            case NO_SYMBOLIC_NAME -> "a jar whose manifest has no Bundle-SymbolicName, so not an OSGi bundle:"
                    + " build it with bnd (bnd-maven-plugin), or remove it" + keeps(id);
            case UNRESOLVED -> "installed as bundle " + id + " but cannot resolve: " + f.detail()
                    + "; install what provides it, and bundle " + id + " starts by itself";
            case NOT_STARTED -> "installed as bundle " + id + " but did not start: " + f.detail()
                    + "; fix the bundle and copy it again";
            case REFUSED -> "refused by the framework: " + f.detail() + "; fix the bundle and copy it again" + keeps(id);
            case UNINSTALLED_BY_SHELL -> "its bundle " + f.detail() + " was uninstalled from the shell, so the file is"
                    + " left alone until it changes: touch or replace it to install it again, or delete it";
            case BROKEN_LINK -> "a link to " + f.detail() + ", which does not exist: fix or delete the link";
            case UNREADABLE -> "cannot be read (" + f.detail() + "): make it readable, or remove it";
            case NOT_A_JAR -> "not a jar; ignored (only *.jar files are deployed)";
            case FOLDER -> "a folder; ignored (jars in folders inside the deploy folder are not deployed)";
        };
    }

    /**
     * Whether an installed file needs no warning of its own: its bundle is active or a fragment, or
     * it is an app, whose state {@code apps:check} already reports once.
     */
    private boolean active(long id) {
        Bundle b = context.getBundle(id);
        return b != null && (b.getState() == Bundle.ACTIVE || isFragment(b) || !appsOf(id).isEmpty());
    }

    private String installed(long id) {
        Bundle b = context.getBundle(id);
        if (b == null) {
            return "was installed as bundle " + id + ", which was just uninstalled";
        }
        if (isFragment(b)) {
            return "installed as bundle " + id + " (" + b.getSymbolicName() + " " + b.getVersion() + ", a fragment of "
                    + b.getHeaders("").get(Constants.FRAGMENT_HOST) + ")";
        }
        return switch (b.getState()) {
            case Bundle.RESOLVED -> "installed as bundle " + id + " (" + live(id) + "), but stopped: run 'start " + id + "'";
            case Bundle.INSTALLED -> "installed as bundle " + id + " (" + live(id) + "), not resolved: run 'start " + id
                    + "' to see why";
            default -> "installed as bundle " + id + " (" + live(id) + ")" + notReadyHint(id);
        };
    }

    /** {@code app shop READY}, or {@code test.lib 1.0.0 ACTIVE, not an app}. */
    private String live(long id) {
        Bundle b = context.getBundle(id);
        if (b == null) {
            return "gone";
        }
        List<App> of = appsOf(id);
        if (of.isEmpty()) {
            return b.getSymbolicName() + " " + b.getVersion() + " " + stateName(b.getState())
                    + (b.getState() == Bundle.ACTIVE ? ", not an app" : "");
        }
        return (of.size() == 1 ? "app " : "apps ") + of.stream().map(a -> a.label() + " " + a.state())
                .collect(Collectors.joining(", "));
    }

    private String notReadyHint(long id) {
        List<App> of = appsOf(id);
        return of.stream().filter(a -> a.state() != AppState.READY).findFirst()
                .map(a -> ": 'apps:diag " + a.label() + "' says why").orElse("");
    }

    private String keeps(long id) {
        return id < 0 ? "" : "; bundle " + id + " keeps running the version before (" + live(id) + ")";
    }

    private List<App> appsOf(long id) {
        return apps.get().stream().filter(a -> a.bundleId() == id).toList();
    }

    private static boolean isFragment(Bundle b) {
        return b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
