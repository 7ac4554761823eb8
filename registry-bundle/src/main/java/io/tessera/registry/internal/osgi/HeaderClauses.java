package io.tessera.registry.internal.osgi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the one-clause manifest header {@code value;key="v";key2="v2"} and comma-separated lists
 * whose items may contain version ranges ({@code "auth [1.0,2.0),tags optional"}).
 */
final class HeaderClauses {

    private HeaderClauses() {
    }

    /** The first element is the clause's value under key {@code ""}; attributes follow, unquoted. */
    static Map<String, String> parse(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> parts = split(header, ';');
        out.put("", parts.isEmpty() ? "" : parts.get(0).trim());
        for (int i = 1; i < parts.size(); i++) {
            String part = parts.get(i);
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not of the form key=\"value\"");
            }
            String value = part.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(part.substring(0, eq).trim(), value);
        }
        return out;
    }

    /** Splits on {@code separator} outside quotes and brackets; drops empty items. */
    static List<String> split(String text, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '[' || c == '(')) {
                depth++;
            } else if (!quoted && (c == ']' || c == ')')) {
                depth = Math.max(0, depth - 1);
            }
            if (c == separator && !quoted && depth == 0) {
                add(out, current);
            } else {
                current.append(c);
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder item) {
        if (!item.toString().isBlank()) {
            out.add(item.toString().trim());
        }
        item.setLength(0);
    }
}
