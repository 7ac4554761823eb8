package io.tessera.registry.internal.shell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.core.LookupException;
import io.tessera.registry.internal.activation.Activation;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.index.AppRecord;
import io.tessera.registry.internal.index.DependencyOrder;

/**
 * The {@code apps:enable}, {@code apps:disable} and {@code apps:safe-mode} commands. Each prints
 * the apps that stepped down (dependents first, as they stopped) or came back (in the order they
 * started), read from the index before and after the change; a change made by someone else at the
 * same moment shows up too.
 */
public final class ActivationCommands {

    /** The command names, each with the method that runs it. */
    public static final Map<String, String> FUNCTIONS = functions();

    private static Map<String, String> functions() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("disable", "disable");
        out.put("enable", "enable");
        out.put("safe-mode", "safeMode");
        return Collections.unmodifiableMap(out);
    }

    private final TesseraRegistry registry;
    private final Activation activation;

    public ActivationCommands(TesseraRegistry registry, Activation activation) {
        this.registry = registry;
        this.activation = activation;
    }

    @Descriptor("disable an app: it and the apps that require it step down, and stay down across restarts")
    public String disable(@Descriptor("app label") String label) {
        return change(label, () -> activation.disable(label), label + " is disabled.");
    }

    @Descriptor("enable a disabled app again: it and the apps that require it come back")
    public String enable(@Descriptor("app label") String label) {
        return change(label, () -> activation.enable(label), label + " is enabled.");
    }

    @Descriptor("say whether safe mode is on")
    public String safeMode() {
        return activation.isSafeMode() ? "Safe mode is on: only system apps run (apps:safe-mode off leaves it).\n"
                : "Safe mode is off.\n";
    }

    @Descriptor("turn safe mode on (only system apps run; enabled states are kept) or off (everything as before)")
    public String safeMode(@Descriptor("on|off") String onOrOff) {
        boolean on = onOrOff.equalsIgnoreCase("on");
        if (!on && !onOrOff.equalsIgnoreCase("off")) {
            return "apps:safe-mode: wrong argument: " + onOrOff + " (say on or off).\n";
        }
        if (on == activation.isSafeMode()) {
            return safeMode();
        }
        return change(null, () -> activation.setSafeMode(on), on ? "Safe mode is on: only system apps run."
                : "Safe mode is off.");
    }

    private String change(String label, Runnable change, String done) {
        Map<Long, AppState> before = states();
        try {
            change.run();
        } catch (LookupException | IllegalArgumentException | IllegalStateException e) {
            return (label == null ? "" : "Cannot change '" + label + "': ") + e.getMessage() + "\n";
        } catch (java.io.UncheckedIOException e) {
            return e.getMessage() + "\n";
        }
        List<AppRecord> down = new ArrayList<>();
        List<AppRecord> up = new ArrayList<>();
        for (App a : registry.apps()) {
            AppState was = before.get(((AppRecord) a).id());
            if (was == AppState.READY && !a.isReady()) {
                down.add((AppRecord) a);
            } else if (was != null && was != AppState.READY && a.isReady()) {
                up.add((AppRecord) a);
            }
        }
        StringBuilder out = new StringBuilder(done).append('\n');
        if (!down.isEmpty()) {
            List<App> order = ordered(down);
            Collections.reverse(order); // as they stopped: dependents first
            out.append("Stepped down (").append(Plural.count(down.size(), "app")).append("):\n");
            order.forEach(a -> out.append("  ").append(a.label()).append(' ').append(a.state()).append(": ")
                    .append(a.reason()).append('\n'));
        }
        if (!up.isEmpty()) {
            out.append("Came back (").append(Plural.count(up.size(), "app")).append("):\n");
            ordered(up).forEach(a -> out.append("  ").append(a.label()).append(" READY\n"));
        }
        if (down.isEmpty() && up.isEmpty()) {
            out.append("No app changed state.\n");
        }
        return out.toString();
    }

    private Map<Long, AppState> states() {
        Map<Long, AppState> out = new HashMap<>();
        for (App a : registry.apps()) {
            out.put(((AppRecord) a).id(), a.state());
        }
        return out;
    }

    /** In dependency order, ties by label, as the engine starts them. */
    private static List<App> ordered(List<AppRecord> apps) {
        Map<String, AppRecord> owners = new HashMap<>();
        apps.forEach(a -> owners.put(a.label(), a));
        return new ArrayList<>(DependencyOrder.sort(apps, owners));
    }
}
