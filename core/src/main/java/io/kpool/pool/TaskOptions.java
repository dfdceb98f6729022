package io.kpool.pool;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a task call may set beside its arguments, Celery's task options: {@code retries}
 * ({@code max_retries}), {@code backoff} ({@code retry_backoff}…), {@code retryOn}
 * ({@code autoretry_for}), {@code noRetryOn} ({@code dont_autoretry_for}), {@code expires} and
 * {@code timeLimit} ({@code time_limit}). Every option a call leaves unset takes its client's default
 * ({@link PoolClientOptions#taskDefaults()}, {@link PoolClientOptions#taskExpires()}), and one the client
 * leaves unset too the worker's setting ({@code kpool.pool.task.retries}…). Immutable: each setter
 * returns a copy. An unknown task and bad arguments are never retried, whatever the options say.
 */
public final class TaskOptions {
    private static final TaskOptions NONE = new TaskOptions(null, null, null, null, null, null);

    private final Integer retries;
    private final RetryBackoff backoff;
    private final List<String> retryOn;
    private final List<String> noRetryOn;
    private final Duration expires;
    private final Duration timeLimit;

    private TaskOptions(Integer retries, RetryBackoff backoff, List<String> retryOn, List<String> noRetryOn, Duration expires,
                        Duration timeLimit) {
        this.retries = retries;
        this.backoff = backoff;
        this.retryOn = retryOn;
        this.noRetryOn = noRetryOn;
        this.expires = expires;
        this.timeLimit = timeLimit;
    }

    /** @return options that set nothing: every one is the worker's (or client's) default */
    public static TaskOptions defaults() {
        return NONE;
    }

    /**
     * @param count how many times a failed task is tried again (0: never), Celery's {@code max_retries};
     *     a task runs at most {@code count + 1} times
     * @return a copy with it
     */
    public TaskOptions retries(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, got " + count);
        }
        return new TaskOptions(count, backoff, retryOn, noRetryOn, expires, timeLimit);
    }

    /** @param value how long a failed task waits before each retry @return a copy with it */
    public TaskOptions backoff(RetryBackoff value) {
        return new TaskOptions(retries, java.util.Objects.requireNonNull(value, "backoff"), retryOn, noRetryOn, expires, timeLimit);
    }

    /**
     * Celery's {@code autoretry_for}: only these exceptions (by class name, or a superclass's) are retried.
     *
     * @param types exception class names, e.g. {@code java.io.IOException}; none retries every exception
     * @return a copy with them
     */
    public TaskOptions retryOn(String... types) {
        return new TaskOptions(retries, backoff, names(types), noRetryOn, expires, timeLimit);
    }

    /**
     * @param types exception classes that are not retried, even if {@link #retryOn} names a superclass
     * @return a copy with them
     */
    public TaskOptions noRetryOn(String... types) {
        return new TaskOptions(retries, backoff, retryOn, names(types), expires, timeLimit);
    }

    /** @param after how long after submission a task no worker has started is not run; positive @return a copy with it */
    public TaskOptions expires(Duration after) {
        if (after == null || after.isZero() || after.isNegative()) {
            throw new IllegalArgumentException("expires must be positive, got " + after);
        }
        return new TaskOptions(retries, backoff, retryOn, noRetryOn, after, timeLimit);
    }

    /** @param limit how long one attempt may run before it is interrupted and fails; at least 1 ms @return a copy with it */
    public TaskOptions timeLimit(Duration limit) {
        if (limit == null || limit.toMillis() < 1) {
            throw new IllegalArgumentException("timeLimit must be at least 1 ms, got " + limit);
        }
        return new TaskOptions(retries, backoff, retryOn, noRetryOn, expires, limit);
    }

    /**
     * @param other options whose set values win
     * @return these options with every option {@code other} sets taken from it
     */
    public TaskOptions overriddenBy(TaskOptions other) {
        return new TaskOptions(other.retries != null ? other.retries : retries, other.backoff != null ? other.backoff : backoff,
                other.retryOn != null ? other.retryOn : retryOn, other.noRetryOn != null ? other.noRetryOn : noRetryOn,
                other.expires != null ? other.expires : expires, other.timeLimit != null ? other.timeLimit : timeLimit);
    }

    /** @return these options without an expiry (a client keeps its default expiry apart, as its task expiry) */
    TaskOptions withoutExpires() {
        return expires == null ? this : new TaskOptions(retries, backoff, retryOn, noRetryOn, null, timeLimit);
    }

    @Override
    public String toString() {
        return "TaskOptions[retries=" + retries + ", backoff=" + backoff + ", retryOn=" + retryOn + ", noRetryOn=" + noRetryOn
                + ", expires=" + expires + ", timeLimit=" + timeLimit + "]";
    }

    private static List<String> names(String... types) {
        List<String> names = List.copyOf(Arrays.asList(types));
        for (String name : names) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("an exception type must be a class name, got '" + name + "'");
            }
        }
        return names;
    }

    /** @return the retries, or empty for the worker's */
    public Optional<Integer> retries() {
        return Optional.ofNullable(retries);
    }

    /** @return the backoff, or empty for the worker's */
    public Optional<RetryBackoff> backoff() {
        return Optional.ofNullable(backoff);
    }

    /** @return the exception types retried, or empty for the worker's (an empty list retries every one) */
    public Optional<List<String>> retryOn() {
        return Optional.ofNullable(retryOn);
    }

    /** @return the exception types never retried, or empty for the worker's */
    public Optional<List<String>> noRetryOn() {
        return Optional.ofNullable(noRetryOn);
    }

    /** @return how long after submission the task expires, or empty for the client's default */
    public Optional<Duration> expires() {
        return Optional.ofNullable(expires);
    }

    /** @return how long one attempt may run, or empty for the worker's limit */
    public Optional<Duration> timeLimit() {
        return Optional.ofNullable(timeLimit);
    }
}
