package io.kpool.pool;

import io.kpool.core.KpoolException;
import java.time.Duration;
import java.util.Optional;

/**
 * Thrown by a {@link Task} to ask for another attempt, as Celery's {@code self.retry()}: the worker
 * retries the task after {@link #delay()} (or its backoff) whatever its {@code retryOn}/{@code noRetryOn}
 * say, as long as its retries are not used up ({@link #maxRetries()} overrides the call's
 * {@code retries}, as Celery's {@code self.retry(max_retries=…)}). Past the last retry the task fails
 * with this exception (its cause, if any, named in the message) and goes to the dead-letter topic.
 */
public class RetryTaskException extends KpoolException {
    private static final long serialVersionUID = 1L;

    private final Duration delay;
    private final Integer maxRetries;

    /**
     * @param message why the task wants another attempt
     * @param delay how long to wait before it; null for the task's backoff
     * @param maxRetries the most retries for this task; null for the call's (or the worker's) {@code retries}
     * @param cause what went wrong, or null
     */
    public RetryTaskException(String message, Duration delay, Integer maxRetries, Throwable cause) {
        super(message, cause);
        if (delay != null && delay.isNegative()) {
            throw new IllegalArgumentException("retry delay must not be negative, got " + delay);
        }
        if (maxRetries != null && maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
        }
        this.delay = delay;
        this.maxRetries = maxRetries;
    }

    /**
     * @param message why the task wants another attempt
     * @param delay how long to wait before it
     */
    public RetryTaskException(String message, Duration delay) {
        this(message, delay, null, null);
    }

    /** @return how long to wait before the next attempt, or empty for the task's backoff */
    public Optional<Duration> delay() {
        return Optional.ofNullable(delay);
    }

    /** @return the most retries this task may have, or empty for its call's (or worker's) {@code retries} */
    public Optional<Integer> maxRetries() {
        return Optional.ofNullable(maxRetries);
    }
}
