package io.tessera.registry.internal.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the known words closest to a misspelt one, the way Django's "did you mean" does. */
public final class Suggestions {

    private Suggestions() {
    }

    /** At most {@code max} of {@code known}, closest first, close enough to be a plausible typo. */
    public static List<String> closest(String wanted, Collection<String> known, int max) {
        String w = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, w.length() / 3);
        List<String[]> scored = new ArrayList<>();
        for (String k : known) {
            int d = distance(w, k.toLowerCase(Locale.ROOT));
            boolean prefix = k.toLowerCase(Locale.ROOT).startsWith(w) || w.startsWith(k.toLowerCase(Locale.ROOT));
            if (d <= limit || (prefix && Math.min(w.length(), k.length()) >= 2)) {
                scored.add(new String[] {k, String.format("%05d", d)});
            }
        }
        scored.sort(Comparator.<String[], String>comparing(s -> s[1]).thenComparing(s -> s[0]));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < scored.size() && i < max; i++) {
            out.add(scored.get(i)[0]);
        }
        return out;
    }

    /** " Did you mean 'blog'?" or " Did you mean 'blog' or 'blogs'?", or "" when nothing is close. */
    public static String didYouMean(List<String> suggestions) {
        if (suggestions.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(" Did you mean ");
        for (int i = 0; i < suggestions.size(); i++) {
            if (i > 0) {
                s.append(i == suggestions.size() - 1 ? " or " : ", ");
            }
            s.append('\'').append(suggestions.get(i)).append('\'');
        }
        return s.append('?').toString();
    }

    /** Optimal string alignment distance: edits, with a swap of neighbours counting as one. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
