package io.tessera.registry.internal.shell;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;

/**
 * One shell command, such as {@code apps:info}, as Gogo calls it: the methods of that name on a
 * command object (its overloads) are its forms. Arguments that fit no form get the command's
 * usage (each form with its arguments and one-line description) after a line saying what was
 * wrong, never a Java exception; {@code -h} or {@code --help} gets the usage alone. Arguments
 * that fit a form run it exactly as written, so the command object stays plain methods.
 *
 * <p>Gogo calls a service that is a {@link Function} directly instead of matching its methods by
 * reflection, which would answer a wrong call with "Cannot coerce info(String, String) to any of
 * [(String)]". A form's parameters may be a leading {@link CommandSession}, {@code String}s and
 * anything the session can convert an argument to.
 */
public final class CheckedCommand implements Function {

    private final Object target;
    private final String command;
    private final List<Method> forms;

    /** @param command the name the operator types, {@code scope:function} */
    public CheckedCommand(Object target, String command) {
        this(target, command, command.substring(command.indexOf(':') + 1));
    }

    /** @param method the name of the methods that run it, for a command such as {@code apps:safe-mode} */
    public CheckedCommand(Object target, String command, String method) {
        this.target = target;
        this.command = command;
        String function = method;
        this.forms = Arrays.stream(target.getClass().getMethods())
                .filter(m -> m.getName().equals(function))
                .sorted(Comparator.comparingInt((Method m) -> arguments(m).length).thenComparing(Method::toString))
                .toList();
        if (forms.isEmpty()) {
            throw new IllegalArgumentException(target.getClass().getName() + " has no method " + function);
        }
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        if (arguments.size() == 1 && List.of("-h", "--help", "-?").contains(String.valueOf(arguments.get(0)))) {
            return usage();
        }
        for (Method form : forms) {
            Object[] call = fit(form, session, arguments);
            if (call != null) {
                return invoke(form, call);
            }
        }
        return problem(arguments) + "\n" + usage();
    }

    /** The names of the arguments of each form, in the order the usage lists them. */
    public List<List<String>> forms() {
        List<List<String>> out = new ArrayList<>();
        for (Method m : forms) {
            Annotation[][] annotations = m.getParameterAnnotations();
            Class<?>[] types = arguments(m);
            int offset = m.getParameterCount() - types.length;
            List<String> names = new ArrayList<>();
            for (int i = 0; i < types.length; i++) {
                names.add(argumentName(annotations[offset + i], types[i]));
            }
            out.add(names);
        }
        return out;
    }

    /** "Usage:" and one line per form: the command, its arguments, what it does. */
    public String usage() {
        List<String> synopses = new ArrayList<>();
        for (List<String> form : forms()) {
            synopses.add(form.isEmpty() ? command : command + " " + String.join(" ", form));
        }
        int width = synopses.stream().mapToInt(String::length).max().orElse(0) + 3;
        StringBuilder out = new StringBuilder("Usage:\n");
        for (int i = 0; i < forms.size(); i++) {
            Descriptor d = forms.get(i).getAnnotation(Descriptor.class);
            String line = "  " + synopses.get(i) + (d == null ? "" : " ".repeat(width - synopses.get(i).length()) + d.value());
            out.append(line.stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** What is wrong with these arguments, given that no form takes them. */
    private String problem(List<Object> arguments) {
        int fewest = arguments(forms.get(0)).length;
        int most = arguments(forms.get(forms.size() - 1)).length;
        if (arguments.size() < fewest) {
            return command + ": missing " + (fewest - arguments.size() == 1 ? "argument" : "arguments") + ".";
        }
        if (arguments.size() > most) {
            List<Object> extra = arguments.subList(most, arguments.size());
            return command + ": unexpected " + (extra.size() == 1 ? "argument: " : "arguments: ") + words(extra) + ".";
        }
        return command + ": wrong " + (arguments.size() == 1 ? "argument: " : "arguments: ") + words(arguments) + ".";
    }

    /** The parameters an operator types: all but a leading session. */
    private static Class<?>[] arguments(Method m) {
        Class<?>[] types = m.getParameterTypes();
        return types.length > 0 && types[0] == CommandSession.class ? Arrays.copyOfRange(types, 1, types.length) : types;
    }

    /** The call's parameters if the arguments fit this form, else null. */
    private static Object[] fit(Method form, CommandSession session, List<Object> arguments) throws Exception {
        Class<?>[] types = arguments(form);
        if (types.length != arguments.size()) {
            return null;
        }
        int offset = form.getParameterCount() - types.length;
        Object[] call = new Object[form.getParameterCount()];
        if (offset == 1) {
            call[0] = session;
        }
        for (int i = 0; i < types.length; i++) {
            Object argument = arguments.get(i);
            Object value = argument == null || types[i] == String.class ? (argument == null ? null : argument.toString())
                    : types[i].isInstance(argument) ? argument : session.convert(types[i], argument);
            if (value == null && (argument != null || types[i].isPrimitive())) {
                return null;
            }
            call[offset + i] = value;
        }
        return call;
    }

    private Object invoke(Method form, Object[] call) throws Exception {
        try {
            return form.invoke(target, call);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static String words(List<Object> arguments) {
        return arguments.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    /** "LABEL" for a parameter described as "app label"; the type's name without a description. */
    private static String argumentName(Annotation[] annotations, Class<?> type) {
        for (Annotation a : annotations) {
            if (a instanceof Descriptor d) {
                String[] words = d.value().trim().split("\\s+");
                return words[words.length - 1].toUpperCase();
            }
        }
        return type.getSimpleName().toUpperCase();
    }
}
