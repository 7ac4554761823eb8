package io.tessera.core.internal;

import java.util.Locale;

/** Derives human-readable names the way Django does (camel case and underscores become spaces). */
public final class Names {

    private Names() {
    }

    /** {@code blog_posts} gives "Blog posts". */
    public static String verboseNameOfLabel(String label) {
        String words = label == null ? "" : label.replace('_', ' ').trim();
        if (words.isEmpty()) {
            return words;
        }
        char[] chars = words.toCharArray();
        chars[0] = Character.toUpperCase(chars[0]);
        return new String(chars);
    }

    /** {@code BlogPost} gives "blog post". */
    public static String verboseNameOfClass(String simpleName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < simpleName.length(); i++) {
            char c = simpleName.charAt(i);
            boolean wordStart = i > 0 && Character.isUpperCase(c)
                    && (Character.isLowerCase(simpleName.charAt(i - 1))
                        || (i + 1 < simpleName.length() && Character.isLowerCase(simpleName.charAt(i + 1))));
            if (wordStart) {
                out.append(' ');
            }
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** {@code pubDate} and {@code pub_date} give "pub date". */
    public static String verboseNameOfField(String name) {
        return collapseSpaces(verboseNameOfClass(name.replace('_', ' ')));
    }

    /** Runs of spaces become one; none at either end. (No regex: this runs for every field of every app.) */
    private static String collapseSpaces(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' || (out.length() > 0 && out.charAt(out.length() - 1) != ' ')) {
                out.append(c);
            }
        }
        int end = out.length();
        return end > 0 && out.charAt(end - 1) == ' ' ? out.substring(0, end - 1) : out.toString();
    }

    /**
     * A type as written in source, without package prefixes: {@code java.util.Map<java.lang.String, a.B$C>}
     * gives {@code Map<String, B.C>}.
     */
    public static String withoutPackages(String typeName) {
        StringBuilder out = new StringBuilder(typeName.length());
        int wordStart = 0;
        for (int i = 0; i <= typeName.length(); i++) {
            char c = i < typeName.length() ? typeName.charAt(i) : ' ';
            if (c == '.' && i > wordStart && Character.isLowerCase(typeName.charAt(wordStart))) {
                wordStart = i + 1; // a package segment: drop it with its dot
            } else if (!Character.isJavaIdentifierPart(c) || c == '$') {
                out.append(typeName, wordStart, i).append(c == '$' ? '.' : c);
                wordStart = i + 1;
            }
        }
        // reflection writes "Map<K, V>", javac "Map<K,V>": one form for both
        return out.substring(0, out.length() - 1).replace(", ", ",").replace(",", ", ");
    }
}
