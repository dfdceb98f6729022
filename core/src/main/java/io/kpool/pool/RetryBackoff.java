package io.kpool.pool;

import java.time.Duration;

/**
 * How long a failed task waits before its next attempt (Celery's {@code retry_backoff},
 * {@code retry_backoff_max} and {@code retry_jitter}): the n-th retry waits
 * {@code min(max, initial × multiplier^(n-1))}, shortened by up to {@code jitter} of itself at random so
 * that tasks failing together do not all come back together.
 *
 * @param initial the wait before the first retry; at least 1 ms
 * @param multiplier how much each further wait grows; at least 1 (1 waits the same every time)
 * @param max the longest wait; at least {@code initial}
 * @param jitter the fraction of each wait drawn at random, from 0 (none) to 1 (anything from 0 to the wait)
 */
public record RetryBackoff(Duration initial, double multiplier, Duration max, double jitter) {

    /** Validates the fields; the message names the bad one. */
    public RetryBackoff {
        if (initial == null || initial.toMillis() < 1) {
            throw new IllegalArgumentException("retry backoff initial must be at least 1 ms, got " + initial);
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("retry backoff multiplier must be a number of at least 1, got " + multiplier);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry backoff max must be at least its initial " + initial + ", got " + max);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("retry backoff jitter must be from 0 to 1, got " + jitter);
        }
    }

    /**
     * @param delay the wait before every retry
     * @return a backoff without growth or jitter
     */
    public static RetryBackoff fixed(Duration delay) {
        return new RetryBackoff(delay, 1, delay, 0);
    }

    /**
     * @param retry which retry, from 1
     * @param random a number from 0 (inclusive) to 1 (exclusive), drawn by the caller
     * @return the wait before that retry
     */
    public Duration delay(int retry, double random) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
        long capped = (long) Math.min(max.toMillis(), millis);
        return Duration.ofMillis(Math.max(0, capped - (long) (capped * jitter * random)));
    }
}
