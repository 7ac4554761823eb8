package io.tessera.registry.internal.shell;

/**
 * Counts that read right in the shell's output: "1 warning", "2 warnings", "0 apps", "1 class",
 * "3 classes". English plurals of the nouns the commands count; not a general inflector.
 */
public final class Plural {

    private Plural() {
    }

    /** The count followed by the noun, singular only for exactly one. */
    public static String count(long n, String singular) {
        return n + " " + (n == 1 ? singular : of(singular));
    }

    /** The plural of a regular English noun. */
    static String of(String singular) {
        if (singular.endsWith("s") || singular.endsWith("x") || singular.endsWith("ch") || singular.endsWith("sh")) {
            return singular + "es";
        }
        if (singular.length() > 1 && singular.endsWith("y") && "aeiou".indexOf(singular.charAt(singular.length() - 2)) < 0) {
            return singular.substring(0, singular.length() - 1) + "ies";
        }
        return singular + "s";
    }
}
