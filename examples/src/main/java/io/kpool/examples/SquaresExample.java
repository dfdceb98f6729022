package io.kpool.examples;

import io.kpool.pool.Pool;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The seed's two examples that square 0 to N-1 on the pool and print the squares in order: {@code apply} in a
 * loop (三.1) and {@code apply_async} + {@code close} + {@code join} + {@code get} (三.2). What they share: the
 * options, the usage footer, the pool client's life; each subclass submits its own way.
 */
@Command(mixinStandardHelpOptions = true,
        footer = {"", PoolExampleOptions.ENVIRONMENT, "Exit codes: 0 done, 1 a task failed or timed out, 2 bad usage or configuration."})
abstract class SquaresExample implements Callable<Integer> {
    /** Their usage help paragraph on the pool worker they need, ending with a line that starts one. */
    static final String NEEDS_A_WORKER = PoolExampleOptions.NEEDS_A_WORKER + "%n    java -jar pool-worker/target/pool-worker.jar --processes 4";

    @Mixin
    private PoolExampleOptions pool;

    @Option(names = "--count", defaultValue = "10", paramLabel = "N",
            description = "How many numbers to square, 0 to N-1. Default: ${DEFAULT-VALUE}.")
    private int count;

    @Override
    public Integer call() {
        if (count < 0) {
            throw new IllegalArgumentException("--count must be 0 or more, got " + count);
        }
        Pool squares = pool.open();
        try {
            square(squares, count, pool.out());
        } finally {
            squares.terminate();
        }
        return 0;
    }

    /**
     * Squares 0 to {@code count - 1} with {@code squares}, prints each result on its own line in that order,
     * then closes the pool and joins it.
     *
     * @param squares the pool client
     * @param count how many numbers
     * @param out where to print
     */
    abstract void square(Pool squares, int count, PrintWriter out);

    /** @return how long to wait for a result */
    final Duration timeout() {
        return pool.timeout();
    }
}
