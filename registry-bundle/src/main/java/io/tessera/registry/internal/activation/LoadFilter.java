package io.tessera.registry.internal.activation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The load filter of configuration {@value #PID}: which apps may run. Keys:
 * {@code include.labels} and {@code exclude.labels} (labels, comma-separated),
 * {@code include.regex} and {@code exclude.regex} (one Java regular expression, matched against the
 * whole label), {@code include.tags} and {@code exclude.tags} (tags, comma-separated; an app
 * matches when it has one of them). An app is loaded when it matches an include rule, or there are
 * no include rules, and it matches no exclude rule. Empty values are no rule. Immutable.
 */
public final class LoadFilter {

    /** The configuration's PID, and so the name of its file in etc/. */
    public static final String PID = "io.tessera.activation";
    /** A filter that lets every app run. */
    public static final LoadFilter NONE = new LoadFilter(List.of(), List.of());
    private static final List<String> KINDS = List.of("labels", "regex", "tags");

    /** A key whose value cannot be a rule. */
    public static final class BadRule extends Exception {
        private static final long serialVersionUID = 1L;
        private final String key;

        BadRule(String key, String message) {
            super(message);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** One rule: its key and value as written, and what it matches. */
    private record Rule(String key, String value, Set<String> words, Pattern regex) {

        boolean matches(String label, Set<String> tags) {
            if (regex != null) {
                return regex.matcher(label).matches();
            }
            if (key.endsWith(".labels")) {
                return words.contains(label);
            }
            for (String t : tags) {
                if (words.contains(t)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    private final List<Rule> includes;
    private final List<Rule> excludes;

    private LoadFilter(List<Rule> includes, List<Rule> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * Reads the rules of a configuration's properties (others, such as {@code service.pid}, are
     * ignored); {@code null} gives {@link #NONE}.
     *
     * @throws BadRule naming the first key that is not a valid rule: an invalid regular expression,
     *                 or an unknown {@code include.}/{@code exclude.} key
     */
    public static LoadFilter parse(Map<String, ?> properties) throws BadRule {
        if (properties == null) {
            return NONE;
        }
        List<Rule> includes = new ArrayList<>();
        List<Rule> excludes = new ArrayList<>();
        for (String key : new TreeSet<>(properties.keySet())) {
            int dot = key.indexOf('.');
            String side = dot < 0 ? key : key.substring(0, dot);
            if (!side.equals("include") && !side.equals("exclude")) {
                continue;
            }
            String kind = key.substring(dot + 1);
            if (dot < 0 || !KINDS.contains(kind)) {
                throw new BadRule(key, "unknown key '" + key + "' (known: include.labels, include.regex,"
                        + " include.tags, exclude.labels, exclude.regex, exclude.tags)");
            }
            String value = text(properties.get(key)).trim();
            if (value.isEmpty()) {
                continue;
            }
            Rule rule;
            if (kind.equals("regex")) {
                try {
                    rule = new Rule(key, value, Set.of(), Pattern.compile(value));
                } catch (PatternSyntaxException e) {
                    throw new BadRule(key, "'" + value + "' is not a valid regular expression: "
                            + e.getDescription() + " near index " + e.getIndex());
                }
            } else {
                Set<String> words = new LinkedHashSet<>();
                for (String w : value.split(",")) {
                    if (!w.isBlank()) {
                        words.add(w.trim());
                    }
                }
                rule = new Rule(key, String.join(",", words), Set.copyOf(words), null);
            }
            (side.equals("include") ? includes : excludes).add(rule);
        }
        return includes.isEmpty() && excludes.isEmpty() ? NONE : new LoadFilter(List.copyOf(includes),
                List.copyOf(excludes));
    }

    private static String text(Object value) {
        if (value instanceof String[] array) {
            return String.join(",", array);
        }
        if (value instanceof Collection<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value == null ? "" : String.valueOf(value);
    }

    /** Whether this filter lets every app run. */
    public boolean isEmpty() {
        return includes.isEmpty() && excludes.isEmpty();
    }

    /**
     * The rule that leaves this app out, as the operator wrote it ({@code exclude.tags=beta}, or
     * the include rules it matches none of), or {@code null} when the app may run.
     */
    public String excludes(String label, Set<String> tags) {
        for (Rule r : excludes) {
            if (r.matches(label, tags)) {
                return r.toString();
            }
        }
        if (includes.isEmpty()) {
            return null;
        }
        for (Rule r : includes) {
            if (r.matches(label, tags)) {
                return null;
            }
        }
        return "the include rules (" + String.join("; ", includes.stream().map(Rule::toString).toList())
                + "), which it matches none of";
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        includes.forEach(r -> all.add(r.toString()));
        excludes.forEach(r -> all.add(r.toString()));
        return all.isEmpty() ? "no rules" : String.join("; ", all);
    }
}
