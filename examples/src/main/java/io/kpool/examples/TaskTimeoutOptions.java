package io.kpool.examples;

import io.kpool.pool.PoolClientOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How long an example waits for each task's result (a picocli mixin): without a running pool worker
 * an example fails after this instead of waiting forever.
 */
public final class TaskTimeoutOptions {
    @Option(names = "--timeout", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "How long to wait for each task's result, ISO-8601 (PT10S, PT2M); a task without a result by then "
                    + "fails (kpool.pool.task.timeout.ms). Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    /** @return how long to wait for a result */
    public Duration timeout() {
        return timeout;
    }

    /**
     * @param options the pool's options
     * @return the same options with this task timeout
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public PoolClientOptions applyTo(PoolClientOptions options) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("--timeout must be positive, got " + timeout);
        }
        return options.toBuilder().taskTimeout(timeout).build();
    }
}
