package io.tessera.testkit.internal;

import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.tessera.core.App;
import io.tessera.core.AppRegistry;

/**
 * What a test reads when a wait times out: every app with its state and reason, the bundles that
 * are not active and the app bundles whose start threw. Enough to act on without a debugger.
 */
public final class Situation {

    private static final Map<Integer, String> BUNDLE_STATES = Map.of(Bundle.INSTALLED, "INSTALLED",
            Bundle.RESOLVED, "RESOLVED", Bundle.STARTING, "STARTING", Bundle.STOPPING, "STOPPING",
            Bundle.ACTIVE, "ACTIVE", Bundle.UNINSTALLED, "UNINSTALLED");

    private Situation() {
    }

    public static String describe(AppRegistry registry, BundleContext context, List<String> startProblems) {
        StringBuilder text = new StringBuilder();
        List<App> apps = registry.apps();
        text.append(apps.isEmpty() ? "The registry has no apps." : "Apps in the registry:");
        for (App app : apps) {
            text.append("\n  ").append(app.label()).append(' ').append(app.state()).append(' ').append(app.version());
            if (!app.reason().isEmpty()) {
                text.append(": ").append(app.reason());
            }
        }
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get("Fragment-Host") == null) {
                text.append("\nBundle ").append(b.getBundleId()).append(' ').append(b.getSymbolicName()).append(" (")
                        .append(b.getLocation()).append(") is ").append(BUNDLE_STATES.get(b.getState()));
            }
        }
        for (String problem : startProblems) {
            text.append('\n').append(problem);
        }
        return text.toString();
    }
}
