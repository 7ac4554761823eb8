package io.tessera.data.internal.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tessera.core.Model;
import io.tessera.data.DataException;
import io.tessera.data.internal.schema.Identifiers;

/**
 * Replaces the placeholders of an app's SQL by quoted names: {@code {Post}} (a model of the app),
 * {@code {Post.createdAt}} (a column of it), {@code {auth.User}} and {@code {auth.User.email}} (another
 * app's model; the app's own label works too: {@code {blog.Post}}). A placeholder is a brace, one to
 * three Java identifiers joined by dots, and a brace; JDBC escapes ({@code {fn ...}}, {@code {d '...'}})
 * have a space and are left alone, as is text in single or double quotes. Resolved templates are
 * cached. Thread-safe.
 */
final class SqlTemplates {

    private static final int CACHE_LIMIT = 512;

    private final AppData data;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    SqlTemplates(AppData data) {
        this.data = data;
    }

    String resolve(String template) {
        if (template == null) {
            throw new DataException("no SQL given (null) to the data of app " + data.appLabel());
        }
        String done = cache.get(template);
        if (done == null) {
            done = resolveUncached(template);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear(); // SQL built by concatenation would grow it without end
            }
            cache.put(template, done);
        }
        return done;
    }

    private String resolveUncached(String template) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '\'' || c == '"') {
                int end = template.indexOf(c, i + 1);
                end = end < 0 ? n : end + 1;
                out.append(template, i, end);
                i = end;
            } else if (c == '{') {
                int end = placeholderEnd(template, i + 1);
                if (end < 0) {
                    out.append(c);
                    i++;
                } else {
                    out.append(replacement(template.substring(i + 1, end), template));
                    i = end + 1;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index of the closing brace if a placeholder starts at {@code from}; -1 otherwise. */
    private static int placeholderEnd(String s, int from) {
        int parts = 0;
        int i = from;
        while (i < s.length()) {
            if (!Character.isJavaIdentifierStart(s.charAt(i))) {
                return -1;
            }
            while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) {
                i++;
            }
            parts++;
            if (i < s.length() && s.charAt(i) == '}') {
                return parts <= 3 ? i : -1;
            }
            if (i >= s.length() || s.charAt(i) != '.') {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private String replacement(String placeholder, String template) {
        String[] parts = placeholder.split("\\.");
        List<Model> own = data.models();
        Model ownModel = find(own, parts[0]);
        if (parts.length == 1) {
            if (ownModel == null) {
                throw unknownModel(placeholder, parts[0], template);
            }
            return Identifiers.quoted(data.dialect(), data.tableName(ownModel));
        }
        if (ownModel != null && parts.length == 2) {
            return column(ownModel, parts[1], placeholder, data);
        }
        Model model;
        if (parts[0].equals(data.appLabel())) {
            model = find(own, parts[1]);
            if (model == null) {
                throw unknownModel(placeholder, parts[1], template);
            }
        } else {
            model = data.directory().model(parts[0] + "." + parts[1]).orElseThrow(() -> new DataException(
                    "unknown model {" + placeholder + "} in the SQL of app " + data.appLabel() + ": no READY app \""
                            + parts[0] + "\" has a model \"" + parts[1] + "\" (in: " + template + ")"));
        }
        return parts.length == 2 ? Identifiers.quoted(data.dialect(), data.tableName(model))
                : column(model, parts[2], placeholder, data);
    }

    private static Model find(List<Model> models, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Model m : models) {
            if (m.lookupName().equals(lower)) {
                return m;
            }
        }
        return null;
    }

    private static String column(Model model, String field, String placeholder, AppData data) {
        if (model.field(field).isEmpty()) {
            List<String> names = new ArrayList<>();
            model.fields().forEach(f -> names.add(f.name()));
            throw new DataException("unknown field \"" + field + "\" in {" + placeholder + "}: " + model + " has no such"
                    + " field" + SqlNames.didYouMean(field, names) + " Its fields: " + String.join(", ", names));
        }
        return Identifiers.quoted(data.dialect(), Identifiers.column(field));
    }

    private DataException unknownModel(String placeholder, String name, String template) {
        List<String> names = new ArrayList<>();
        data.models().forEach(m -> names.add(m.name()));
        return new DataException("unknown model {" + placeholder + "} in the SQL of app " + data.appLabel()
                + SqlNames.didYouMean(name, names) + " Its models: " + String.join(", ", names)
                + "; another app's model is written {label.Model} (in: " + template + ")");
    }
}
