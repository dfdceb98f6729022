package io.kpool.bench;

import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.TaskCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Submits many tasks with {@code applyAsync}, then waits for every result and checks it. */
final class Gather {
    private Gather() {
    }

    /**
     * @param task a task returning its argument ({@code bench.sleep}, {@code bench.burn})
     * @return nanoseconds from the first submission until the last result is in
     */
    @SuppressWarnings("try") // the progress printer only needs closing
    static long run(Pool pool, String task, long argument, int count, String label) {
        AtomicLong submitted = new AtomicLong();
        try (Progress progress = Progress.start(label + " (results in)", () -> submitted.get() - pool.pending(), count)) {
            long start = System.nanoTime();
            List<AsyncResult<Long>> results = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                results.add(pool.applyAsync(TaskCall.of(task, argument).returning(Long.class)));
                submitted.incrementAndGet();
            }
            for (AsyncResult<Long> result : results) {
                Stats.check(result.get(Duration.ofMinutes(5)) == argument, task + "(" + argument + ") came back wrong");
            }
            return System.nanoTime() - start;
        }
    }
}
