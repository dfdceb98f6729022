package io.kpool.examples;

import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.service.PoolCommandOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The seed's {@code apply_async} + {@code close} + {@code join} + {@code get}: submit everything, then collect. */
@Command(name = "pool-apply-async", mixinStandardHelpOptions = true,
        description = {"The seed's Pool.apply_async (三.2): submits ten squares at once, then close, join and get.",
                "    results = [pool.apply_async(\"square\", i) for i in range(10)]",
                "    pool.close(); pool.join()",
                "    for r in results: print(r.get())",
                "Submits all ten 'square' tasks without waiting, so the pool workers run them in parallel; close() stops "
                        + "submissions, join() waits until every result is back, and get() prints them in submission order: "
                        + "0, 1, 4 ... 81, one per line.",
                "",
                "Needs a running pool-worker on the same broker, tasks topic, callback topic and group, e.g.",
                "    java -jar pool-worker/target/pool-worker.jar --processes 4",
                "Without one, the tasks fail after --timeout (exit code 1)."},
        footer = {"", "Environment: KAFKA_BOOTSTRAP_SERVERS, any KAFKA_<PROPERTY>, any KPOOL_<SETTING> "
                + "(e.g. KPOOL_POOL_TASKS_TOPIC), KPOOL_CONFIG_FILE.",
                "Exit codes: 0 done, 1 a task failed or timed out, 2 bad usage or configuration."})
public final class PoolApplyAsyncExample implements Callable<Integer> {
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
            List<AsyncResult<Object>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                results.add(squares.applyAsync("square", i)); // returns at once
            }
            squares.close();
            squares.join(); // every result is here (or failed by --timeout)
            for (AsyncResult<Object> result : results) {
                out.println(result.get(timeout.timeout()));
            }
        } finally {
            squares.terminate();
        }
        return 0;
    }
}
