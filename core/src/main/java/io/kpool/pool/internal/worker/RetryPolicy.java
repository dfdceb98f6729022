package io.kpool.pool.internal.worker;

import io.kpool.pool.RetryBackoff;
import io.kpool.pool.RetryTaskException;
import io.kpool.pool.TaskArgumentException;
import io.kpool.pool.TaskOptions;
import io.kpool.pool.UnknownTaskException;
import io.kpool.pool.internal.wire.RetrySpec;
import io.kpool.pool.internal.wire.TaskMessage;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The worker's {@link FailurePolicy}: a task's own retry options (its record's {@code "retry"}), the
 * worker's for those it leaves out. With no retries a failure is answered at once, as always. Otherwise
 * an unknown task, bad arguments, an exception {@code retryOn} does not name or {@code noRetryOn} names,
 * and a failure of the last allowed attempt are dead-lettered; anything else is retried after its
 * backoff. A {@link RetryTaskException} is retried whatever the exception lists say, after its own delay
 * if it gives one, within its own {@code maxRetries} if it gives them.
 */
final class RetryPolicy implements FailurePolicy {
    private final TaskOptions defaults;
    private final DoubleSupplier random;

    /**
     * @param defaults the worker's retry options (retries, backoff, retryOn and noRetryOn all set)
     * @param random draws the jitter, from 0 to 1
     */
    RetryPolicy(TaskOptions defaults, DoubleSupplier random) {
        this.defaults = defaults;
        this.random = random;
    }

    @Override
    public Decision decide(TaskMessage task, int attempt, Throwable error) {
        RetrySpec spec = task.retry() != null ? task.retry() : new RetrySpec(null, null, null, null, null, null, null);
        RetryTaskException asked = error instanceof RetryTaskException retry ? retry : null;
        int retries = asked != null && asked.maxRetries().isPresent() ? asked.maxRetries().get()
                : spec.max() != null ? spec.max() : defaults.retries().orElseThrow();
        if (retries == 0) {
            return Decision.ANSWER;
        }
        if (error instanceof UnknownTaskException || error instanceof TaskArgumentException
                || asked == null && !retryable(error, spec) || attempt > retries) {
            return Decision.DEAD_LETTER;
        }
        return Decision.retryIn(asked != null && asked.delay().isPresent() ? asked.delay().get()
                : backoff(spec).delay(attempt, random.getAsDouble()));
    }

    private boolean retryable(Throwable error, RetrySpec spec) {
        List<String> on = spec.on() != null ? spec.on() : defaults.retryOn().orElseThrow();
        List<String> notOn = spec.notOn() != null ? spec.notOn() : defaults.noRetryOn().orElseThrow();
        return (on.isEmpty() || named(error, on)) && !named(error, notOn);
    }

    /** @return true if the error's class or a superclass is named, by full or simple name */
    static boolean named(Throwable error, List<String> names) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            if (names.contains(type.getName()) || names.contains(type.getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    private RetryBackoff backoff(RetrySpec spec) {
        RetryBackoff fallback = defaults.backoff().orElseThrow();
        Duration initial = spec.backoffMs() != null ? Duration.ofMillis(spec.backoffMs()) : fallback.initial();
        Duration max = spec.maxBackoffMs() != null ? Duration.ofMillis(spec.maxBackoffMs()) : fallback.max();
        return new RetryBackoff(initial, spec.multiplier() != null ? spec.multiplier() : fallback.multiplier(),
                max.compareTo(initial) < 0 ? initial : max, spec.jitter() != null ? spec.jitter() : fallback.jitter());
    }
}
