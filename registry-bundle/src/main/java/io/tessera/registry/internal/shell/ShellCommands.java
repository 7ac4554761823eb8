package io.tessera.registry.internal.shell;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Offers the {@code apps:*} commands to the Gogo shell: every function of {@link AppCommands} and
 * {@link ActivationCommands} as
 * a {@link CheckedCommand} (usage instead of an exception on wrong arguments), and two functions
 * for tab completion, which the shell's completion hides because their names start with "_":
 * {@code apps:__labels}, the label of every app in the index, and {@code apps:__labelled}, the
 * commands that take a label. The runtime's shell profile completes the arguments of the one with
 * the other, so a command that gains a label argument completes it without further ado.
 */
public final class ShellCommands {

    static final String SCOPE = "apps";
    /** The argument name (from "app label") that completes to the labels of the index. */
    static final String LABEL = "LABEL";

    private ShellCommands() {
    }

    /** Registers the commands; unregister what this returns to take them away. */
    public static List<ServiceRegistration<?>> register(BundleContext context, AppCommands commands,
            ActivationCommands switches, Supplier<List<String>> labels) {
        List<ServiceRegistration<?>> out = new ArrayList<>();
        out.add(context.registerService(Function.class, new CheckedCommand(new RewireCommand(context), SCOPE + ":rewire"),
                properties("rewire")));
        List<String> labelled = new ArrayList<>();
        Map<String, Object> targets = new LinkedHashMap<>();
        Map<String, String> methods = new LinkedHashMap<>();
        for (String function : AppCommands.FUNCTIONS) {
            targets.put(function, commands);
            methods.put(function, function);
        }
        ActivationCommands.FUNCTIONS.forEach((function, method) -> {
            targets.put(function, switches);
            methods.put(function, method);
        });
        for (String function : targets.keySet()) {
            CheckedCommand command = new CheckedCommand(targets.get(function), SCOPE + ":" + function,
                    methods.get(function));
            if (command.forms().stream().anyMatch(form -> form.contains(LABEL))) {
                labelled.add(SCOPE + ":" + function);
            }
            out.add(context.registerService(Function.class, command, properties(function)));
        }
        out.add(context.registerService(Function.class, (session, arguments) -> labels.get(), properties("__labels")));
        List<String> labelledCommands = List.copyOf(labelled);
        out.add(context.registerService(Function.class, (session, arguments) -> labelledCommands,
                properties("__labelled")));
        return out;
    }

    private static Hashtable<String, Object> properties(String function) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("osgi.command.scope", SCOPE);
        p.put("osgi.command.function", function);
        return p;
    }
}
