package io.tessera.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Min, median and max of repeated measurements. */
public record Stats(List<Double> samples) {

    public Stats {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
    }

    private List<Double> sorted() {
        List<Double> s = new ArrayList<>(samples);
        s.sort(null);
        return s;
    }

    public double min() {
        return sorted().get(0);
    }

    public double max() {
        return sorted().get(samples.size() - 1);
    }

    public double median() {
        return median(samples.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The median of {@code values}, which is left as it is. */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public int count() {
        return samples.size();
    }

    /** {@code median (min..max)} with a sensible number of digits. */
    public String summary() {
        return format(median()) + " (" + format(min()) + ".." + format(max()) + ")";
    }

    public static String format(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
