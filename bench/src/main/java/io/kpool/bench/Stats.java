package io.kpool.bench;

import java.util.Arrays;

/** Medians, percentiles and the result check every benchmark shares. */
final class Stats {
    private Stats() {
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * Runs a round trip {@code count} times after up to 200 unmeasured ones.
     *
     * @param roundTrip given a sequence number, does one round trip and returns its nanoseconds
     * @return the round trips' nanoseconds, ascending
     */
    static long[] latencies(int count, java.util.function.LongUnaryOperator roundTrip) {
        for (int i = 0; i < Math.min(200, count); i++) {
            roundTrip.applyAsLong(i);
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            nanos[i] = roundTrip.applyAsLong(i);
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** @param sorted nanoseconds, ascending */
    static double percentileMillis(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }

    /**
     * Fails the benchmark (exit code 1) when a result is wrong; a slow result never fails it.
     *
     * @throws WrongResultException if {@code ok} is false
     */
    static void check(boolean ok, String message) {
        if (!ok) {
            throw new WrongResultException("Benchmark result is wrong: " + message);
        }
    }

    /** A benchmark saw a wrong or missing result. */
    static final class WrongResultException extends io.kpool.core.KpoolException {
        private static final long serialVersionUID = 1L;

        WrongResultException(String message) {
            super(message);
        }
    }
}
