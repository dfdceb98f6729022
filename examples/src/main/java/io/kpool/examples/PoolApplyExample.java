package io.kpool.examples;

import io.kpool.pool.Pool;
import io.kpool.service.PoolCommandOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The seed's synchronous {@code Pool.apply} loop: each square is computed by a pool worker, one after the other. */
@Command(name = "pool-apply", mixinStandardHelpOptions = true,
        description = {"The seed's Pool.apply (三.1): squares 0..9 on the pool, one blocking call at a time.",
                "    for i in range(10): print(pool.apply(\"square\", i))",
                "Each apply submits one 'square' task to the tasks topic and blocks until a pool worker has run it and "
                        + "its result came back on this client's partition of the callback topic: prints 0, 1, 4 ... 81, "
                        + "one per line, in order.",
                "",
                "Needs a running pool-worker on the same broker, tasks topic, callback topic and group, e.g.",
                "    java -jar pool-worker/target/pool-worker.jar --processes 4",
                "Without one, the first task fails after --timeout (exit code 1)."},
        footer = {"", "Environment: KAFKA_BOOTSTRAP_SERVERS, any KAFKA_<PROPERTY>, any KPOOL_<SETTING> "
                + "(e.g. KPOOL_POOL_TASKS_TOPIC), KPOOL_CONFIG_FILE.",
                "Exit codes: 0 done, 1 a task failed or timed out, 2 bad usage or configuration."})
public final class PoolApplyExample implements Callable<Integer> {
    @Mixin
    private PoolCommandOptions pool;

    @Mixin
    private TaskTimeoutOptions timeout;

    @Option(names = "--count", defaultValue = "10", paramLabel = "N",
            description = "How many numbers to square, 0 to N-1. Default: ${DEFAULT-VALUE}.")
    private int count;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (count < 0) {
            throw new IllegalArgumentException("--count must be 0 or more, got " + count);
        }
        PrintWriter out = spec.commandLine().getOut();
        Pool squares = Pool.open(timeout.applyTo(pool.poolOptions(null, null)));
        try {
            for (int i = 0; i < count; i++) {
                out.println(squares.apply("square", i)); // blocks until this task's result is back
            }
            squares.close();
            squares.join();
        } finally {
            squares.terminate();
        }
        return 0;
    }
}
