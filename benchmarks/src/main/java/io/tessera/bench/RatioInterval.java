package io.tessera.bench;

import static io.tessera.bench.Stats.median;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How far a churn ratio could move with other pairs from the same machine: a 95% percentile
 * bootstrap interval. Whole pairs are resampled with replacement, since a pair's two cycles ran
 * back to back and share whatever the machine was doing. The seed is fixed, so the same pairs
 * always give the same interval.
 *
 * <p>Single pairs at N=5000 range from 0.72x to 1.55x on this machine, so a ratio within 1.10x
 * says little without its interval.
 */
record RatioInterval(double low, double high) {

    /** A figure computed from the pairs' Tessera and bare totals, index by index. */
    interface Statistic {
        double of(double[] tessera, double[] bare);

        default double of(List<Double> tessera, List<Double> bare) {
            return of(toArray(tessera), toArray(bare));
        }
    }

    /** The table's ratio: the Tessera median over the bare median. */
    static final Statistic RATIO_OF_MEDIANS = (t, b) -> median(t) / median(b);

    /** The median of the per-pair ratios, which cancels drift from pair to pair. */
    static final Statistic MEDIAN_OF_RATIOS = (t, b) -> {
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            r[i] = t[i] / b[i];
        }
        return median(r);
    };

    private static final int RESAMPLES = 2000;
    private static final long SEED = 20261122L;

    /** The interval of {@code statistic} over the pairs {@code (tessera[i], bare[i])}. */
    static RatioInterval of(List<Double> tessera, List<Double> bare, Statistic statistic) {
        int n = tessera.size();
        if (n == 0 || bare.size() != n) {
            throw new IllegalArgumentException("need pairs: " + n + " Tessera and " + bare.size() + " bare figures");
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] estimates = new double[RESAMPLES];
        double[] t = new double[n];
        double[] b = new double[n];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                t[i] = tessera.get(pick);
                b[i] = bare.get(pick);
            }
            estimates[r] = statistic.of(t, b);
        }
        Arrays.sort(estimates);
        return new RatioInterval(estimates[(int) (RESAMPLES * 0.025)], estimates[(int) (RESAMPLES * 0.975) - 1]);
    }

    /**
     * Both ratios of the pairs, each with its interval: {@code ratio of medians 1.07x (95% interval
     * 0.97-1.12x); median of per-pair ratios 1.09x (1.05-1.17x)}.
     */
    static String describe(List<Double> tessera, List<Double> bare) {
        return String.format(Locale.ROOT, "ratio of medians %.2fx (95%% interval %s); median of per-pair ratios"
                + " %.2fx (%s)", RATIO_OF_MEDIANS.of(tessera, bare), of(tessera, bare, RATIO_OF_MEDIANS).format(),
                MEDIAN_OF_RATIOS.of(tessera, bare), of(tessera, bare, MEDIAN_OF_RATIOS).format());
    }

    /** {@code 0.96-1.22x}. */
    String format() {
        return String.format(Locale.ROOT, "%.2f-%.2fx", low, high);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
