package io.kpool.examples;

import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** The seed's {@code apply_async} + {@code close} + {@code join} + {@code get}: submit everything, then collect. */
@Command(name = "pool-apply-async",
        description = {"The seed's Pool.apply_async (三.2): submits ten squares at once, then close, join and get.",
                "    results = [pool.apply_async(\"square\", i) for i in range(10)]",
                "    pool.close(); pool.join()",
                "    for r in results: print(r.get())",
                "Submits all ten 'square' tasks without waiting, so the pool workers run them in parallel; close() stops "
                        + "submissions, join() waits until every result is back, and get() prints them in submission order: "
                        + "0, 1, 4 ... 81, one per line.",
                SquaresExample.NEEDS_A_WORKER,
                "Without one, the tasks fail after --timeout (exit code 1)."})
public final class PoolApplyAsyncExample extends SquaresExample {
    @Override
    void square(Pool squares, int count, PrintWriter out) {
        List<AsyncResult<Object>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(squares.applyAsync("square", i)); // returns at once
        }
        squares.close();
        squares.join(); // every result is here (or failed by --timeout)
        for (AsyncResult<Object> result : results) {
            out.println(result.get(timeout()));
        }
    }
}
