package io.tessera.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class RatioIntervalTest {

    @Test
    public void pairsThatAllAgreeLeaveNoDoubt() {
        List<Double> tessera = List.of(110.0, 220.0, 330.0, 440.0);
        List<Double> bare = List.of(100.0, 200.0, 300.0, 400.0);

        RatioInterval paired = RatioInterval.of(tessera, bare, RatioInterval.MEDIAN_OF_RATIOS);

        assertEquals(1.1, paired.low(), 1e-9);
        assertEquals(1.1, paired.high(), 1e-9);
    }

    @Test
    public void theIntervalHoldsTheEstimateAndNarrowsWithMorePairs() {
        RatioInterval few = RatioInterval.of(totals(10, 1.3, 37), totals(10, 1.0, 11),
                RatioInterval.RATIO_OF_MEDIANS);
        RatioInterval many = RatioInterval.of(totals(400, 1.3, 37), totals(400, 1.0, 11),
                RatioInterval.RATIO_OF_MEDIANS);
        double estimate = RatioInterval.RATIO_OF_MEDIANS.of(toArray(totals(400, 1.3, 37)),
                toArray(totals(400, 1.0, 11)));

        assertTrue(many + " holds " + estimate, many.low() <= estimate && estimate <= many.high());
        assertTrue(few + " is wider than " + many, few.high() - few.low() > 2 * (many.high() - many.low()));
    }

    @Test
    public void theSamePairsGiveTheSameInterval() {
        List<Double> tessera = totals(30, 1.2, 7);
        List<Double> bare = totals(30, 1.0, 11);

        assertEquals(RatioInterval.of(tessera, bare, RatioInterval.MEDIAN_OF_RATIOS),
                RatioInterval.of(tessera, bare, RatioInterval.MEDIAN_OF_RATIOS));
    }

    @Test
    public void unpairedFiguresAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> RatioInterval.of(List.of(1.0, 2.0), List.of(1.0), RatioInterval.RATIO_OF_MEDIANS));
        assertThrows(IllegalArgumentException.class,
                () -> RatioInterval.of(List.of(), List.of(), RatioInterval.RATIO_OF_MEDIANS));
    }

    @Test
    public void formatsAsARange() {
        assertEquals("0.96-1.22x", new RatioInterval(0.9612, 1.2249).format());
    }

    /**
     * Totals spread evenly from 100 to 200 (times {@code factor}), in an order set by {@code stride}
     * (prime to {@code n}): two lists of different strides make pairs whose ratios vary.
     */
    private static List<Double> totals(int n, double factor, int stride) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(factor * (100 + (i * stride % n) * 100.0 / n));
        }
        return out;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
