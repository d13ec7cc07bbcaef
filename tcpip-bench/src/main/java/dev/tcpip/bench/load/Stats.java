package dev.tcpip.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * Medians, extremes and percentiles of measured figures.
 */
public final class Stats {
    private Stats() {
    }

    /**
     * The median: the middle value, or the mean of the two middle values for an even count.
     *
     * @param values the values (not changed)
     * @return the median
     * @throws IllegalArgumentException if there are none
     */
    public static double median(List<Double> values) {
        double[] sorted = sorted(values);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * @param values the values
     * @return the smallest
     * @throws IllegalArgumentException if there are none
     */
    public static double min(List<Double> values) {
        return sorted(values)[0];
    }

    /**
     * @param values the values
     * @return the largest
     * @throws IllegalArgumentException if there are none
     */
    public static double max(List<Double> values) {
        double[] sorted = sorted(values);
        return sorted[sorted.length - 1];
    }

    /**
     * The nearest-rank percentile: the smallest value such that at least {@code p} percent of the values
     * are less than or equal to it.
     *
     * @param sorted the values, in ascending order
     * @param p      the percentile, in (0, 100]
     * @return the value
     * @throws IllegalArgumentException if there are no values or p is out of range
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        int rank = (int) Math.ceil(p * sorted.length / 100);
        return sorted[Math.max(1, rank) - 1];
    }

    private static double[] sorted(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
