package org.jqga.benchmark;

import java.util.Arrays;
import java.util.Collection;

/**
 * Order statistics of a set of samples. Percentiles use the nearest-rank definition (the smallest sample with at
 * least p% of the samples at or below it), so p99 of 5,000 round trips is an actually observed round trip.
 */
record Summary(int count, double min, double median, double max, double p99) {

    static Summary of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Summary(sorted.length, sorted[0], median(sorted), sorted[sorted.length - 1],
                percentile(sorted, 99));
    }

    static Summary of(Collection<Double> samples) {
        return of(samples.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** @param sorted ascending samples; @param percent in (0, 100] */
    static double percentile(double[] sorted, double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percentile out of range: " + percent);
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
