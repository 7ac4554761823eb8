package io.tessera.core.internal;

import java.util.Locale;

/** Derives human-readable names the way Django does (camel case and underscores become spaces). */
public final class Names {

    private Names() {
    }

    /** {@code blog_posts} gives "Blog posts". */
    public static String verboseNameOfLabel(String label) {
        String words = label == null ? "" : label.replace('_', ' ').trim();
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
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
        return verboseNameOfClass(name.replace('_', ' ')).replaceAll(" +", " ").trim();
    }
}
