package io.tessera.registry.internal.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tessera.core.AppModel;
import io.tessera.core.ModelField;

/**
 * Reads the {@value AppModel#INDEX_HEADER} header: each declared model's verbose name and
 * fields, by class name, in the format {@link AppModel#INDEX_HEADER} documents. This runs for
 * every arriving app, so it scans the text once, copying only the parts it keeps.
 */
public final class ModelIndexHeader {

    /** One model as the header describes it: its verbose name (empty for the derived one) and fields. */
    public record Description(String verboseName, List<ModelField> fields) {
    }

    private ModelIndexHeader() {
    }

    /**
     * The models described by {@code header} (may be null: none), by binary class name. A clause
     * that is not a model description is reported in {@code problems}, and the rest is not read.
     */
    public static Map<String, Description> parse(String header, List<String> problems) {
        Map<String, Description> out = new HashMap<>();
        if (header == null) {
            return out;
        }
        int clause = 0;
        for (int start = 0; start < header.length(); clause++) {
            int end = header.indexOf(',', start);
            end = end < 0 ? header.length() : end;
            String problem = clause(header, start, end, out);
            if (problem != null) {
                problems.add("clause " + (clause + 1) + " of the " + AppModel.INDEX_HEADER + " header ('"
                        + header.substring(start, end).trim() + "') " + problem
                        + "; rebuild the bundle with this version of Tessera");
                return out;
            }
            start = end + 1;
        }
        return out;
    }

    /** Reads {@code class;verbose="...";fields="..."}; the problem, or null. */
    private static String clause(String header, int start, int end, Map<String, Description> out) {
        int semi = header.indexOf(';', start);
        semi = semi < 0 || semi > end ? end : semi;
        String className = decode(header.substring(start, semi).trim());
        if (className == null || className.isEmpty()) {
            return className == null ? "has a bad %-escape in its class name" : "names no class";
        }
        String verbose = "";
        List<ModelField> fields = List.of();
        for (int at = semi + 1; at < end; ) {
            int next = header.indexOf(';', at);
            next = next < 0 || next > end ? end : next;
            int eq = header.indexOf('=', at);
            if (eq < 0 || eq > next) {
                return "has an attribute without a value";
            }
            String key = header.substring(at, eq).trim();
            String value = unquote(header.substring(eq + 1, next).trim());
            if (key.equals("verbose")) {
                verbose = decode(value);
                if (verbose == null) {
                    return "has a bad %-escape in its verbose name";
                }
            } else if (key.equals("fields")) {
                fields = fields(value);
                if (fields == null) {
                    return "has a field that is not name:type:reference:verbose";
                }
            } // an attribute a later version adds is skipped
            at = next + 1;
        }
        out.put(className, new Description(verbose, fields));
        return null;
    }

    private static List<ModelField> fields(String value) {
        if (value.isEmpty()) {
            return List.of();
        }
        List<ModelField> fields = new ArrayList<>();
        for (int start = 0; start <= value.length(); ) {
            int end = value.indexOf('|', start);
            end = end < 0 ? value.length() : end;
            ModelField field = field(value, start, end);
            if (field == null) {
                return null;
            }
            fields.add(field);
            start = end + 1;
        }
        return fields;
    }

    /** {@code name:type:reference:verbose} between {@code start} and {@code end}; null if it is not that. */
    private static ModelField field(String value, int start, int end) {
        int first = value.indexOf(':', start);
        int second = first < 0 ? -1 : value.indexOf(':', first + 1);
        int third = second < 0 ? -1 : value.indexOf(':', second + 1);
        int fourth = third < 0 ? -1 : value.indexOf(':', third + 1);
        if (third < 0 || third >= end || (fourth >= 0 && fourth < end)) {
            return null; // not exactly four parts
        }
        String name = decode(value.substring(start, first));
        String type = decode(value.substring(first + 1, second));
        String reference = decode(value.substring(second + 1, third));
        String verbose = decode(value.substring(third + 1, end));
        if (name == null || type == null || reference == null || verbose == null || name.isEmpty()
                || type.isEmpty()) {
            return null;
        }
        return ModelField.declared(name, type, reference, verbose);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"'
                ? value.substring(1, value.length() - 1) : value;
    }

    /** {@code %XX} back to its character; null if an escape is malformed. */
    static String decode(String text) {
        int percent = text.indexOf('%');
        if (percent < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, percent);
        for (int i = percent; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
            if (lo < 0) {
                return null;
            }
            out.append((char) (hi << 4 | lo));
            i += 2;
        }
        return out.toString();
    }
}
