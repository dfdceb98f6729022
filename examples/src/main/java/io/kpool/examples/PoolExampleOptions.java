package io.kpool.examples;

import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.service.PoolCommandOptions;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every pool example takes (a picocli mixin): the pool's connection and topics, and how long to wait for
 * each task's result, so that without a running pool worker an example fails after that instead of waiting
 * forever. It opens the example's {@link Pool} client and hands the example its output.
 */
public final class PoolExampleOptions {
    /**
     * The start of a pool example's usage help paragraph on the worker it needs (after an empty line); the line
     * that starts such a worker follows.
     */
    static final String NEEDS_A_WORKER = "%nNeeds a running pool-worker on the same broker, tasks topic, callback topic and group, e.g.";
    /** The usage footer line on the environment of a pool example. */
    static final String ENVIRONMENT = "Environment: KAFKA_BOOTSTRAP_SERVERS, any KAFKA_<PROPERTY>, any KPOOL_<SETTING> "
            + "(e.g. KPOOL_POOL_TASKS_TOPIC), KPOOL_CONFIG_FILE.";

    @Mixin
    private PoolCommandOptions pool;

    @Option(names = "--timeout", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "How long to wait for each task's result, ISO-8601 (PT10S, PT2M); a task without a result by then "
                    + "fails (kpool.pool.task.timeout.ms). Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec example;

    /** @return how long to wait for a result */
    public Duration timeout() {
        return timeout;
    }

    /**
     * @return a pool client with these options; the example terminates it when done
     * @throws IllegalArgumentException if the timeout is not positive
     * @throws io.kpool.core.KpoolConfigException naming a bad setting
     */
    public Pool open() {
        return Pool.open(applyTo(pool.clientOptions(null)));
    }

    /** @return where the example prints its results */
    public PrintWriter out() {
        return example.commandLine().getOut();
    }

    /** @return where the example prints its errors */
    public PrintWriter err() {
        return example.commandLine().getErr();
    }

    private PoolClientOptions applyTo(PoolClientOptions options) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("--timeout must be positive, got " + timeout);
        }
        return options.toBuilder().taskTimeout(timeout).build();
    }
}
