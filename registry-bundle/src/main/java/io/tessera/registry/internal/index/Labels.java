package io.tessera.registry.internal.index;

/** The rule an app label must follow, with a message that states it. */
public final class Labels {

    public static final int MAX_LENGTH = 64;

    private Labels() {
    }

    /** {@code null} if the label is valid, otherwise why not, with the rule. */
    public static String problem(String label) {
        if (label == null || label.isEmpty()) {
            return "the app has no label; labels must match [a-z][a-z0-9_]* (at most 64 characters)";
        }
        if (label.length() > MAX_LENGTH) {
            return "label '" + abbreviate(label) + "' has " + label.length() + " characters; labels are at most "
                    + MAX_LENGTH;
        }
        if (!isValid(label)) {
            return "label '" + label + "' is not valid: labels must match [a-z][a-z0-9_]* (lower-case letter first,"
                    + " then lower-case letters, digits or '_'; no dots, dashes or capitals)"
                    + suggestion(label);
        }
        return null;
    }

    public static boolean isValid(String label) {
        if (label == null || label.isEmpty() || label.length() > MAX_LENGTH) {
            return false;
        }
        char first = label.charAt(0);
        if (first < 'a' || first > 'z') {
            return false;
        }
        for (int i = 1; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static String suggestion(String label) {
        String fixed = label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_").replaceFirst("^[^a-z]+", "");
        return isValid(fixed) ? "; for example '" + fixed + "'" : "";
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }
}
