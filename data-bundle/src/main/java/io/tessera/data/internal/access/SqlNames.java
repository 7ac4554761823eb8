package io.tessera.data.internal.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The "did you mean" of error messages. (Names and quoting are the schema code's
 * {@code io.tessera.data.internal.schema.Identifiers}, so that both write the same names.)
 */
public final class SqlNames {

    private SqlNames() {
    }

    /**
     * The known names closest to {@code wrong} (those at the smallest distance, at most 3), ignoring
     * case and underscores, within an edit distance that fits the word's length; a swap of two
     * neighbouring letters is one edit.
     */
    public static List<String> closest(String wrong, Collection<String> known) {
        String w = fold(wrong);
        int best = Math.max(2, w.length() / 3);
        List<String> hits = new ArrayList<>();
        for (String k : known) {
            int d = distance(w, fold(k));
            if (d < best) {
                hits.clear();
                best = d;
            }
            if (d == best && hits.size() < 3) {
                hits.add(k);
            }
        }
        return hits;
    }

    /** {@code ; did you mean "author"?}, or {@code .} when nothing is close: a sentence's end either way. */
    public static String didYouMean(String wrong, Collection<String> known) {
        List<String> hits = closest(wrong, known);
        return hits.isEmpty() ? "." : "; did you mean \"" + String.join("\" or \"", hits) + "\"?";
    }

    private static String fold(String s) {
        return s.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and neighbour swaps. */
    private static int distance(String a, String b) {
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
