package io.kpool.bench;

import io.kpool.pool.Task;
import io.kpool.pool.TaskArgumentException;
import io.kpool.pool.TaskArguments;
import io.kpool.pool.TaskRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tasks the benchmarks' workers run: the demo {@code square}, and two of the bench's own,
 * {@code bench.sleep(ms)} (waits, using no CPU) and {@code bench.burn(ms)} (spins until its thread has
 * used that much CPU time). Both return their argument.
 */
final class BenchTasks {
    static final String SQUARE = "square";
    static final String SLEEP = "bench.sleep";
    static final String BURN = "bench.burn";

    private BenchTasks() {
    }

    /** @return square, bench.sleep and bench.burn */
    static TaskRegistry registry() {
        return TaskRegistry.installed(List.of(SQUARE)).with(new Sleep()).with(new Burn());
    }

    private static long millis(TaskArguments arguments, String task) {
        arguments.requireCount(1, 1);
        long ms = arguments.getLong(0);
        if (ms < 0 || ms > 60_000) {
            throw new TaskArgumentException("Task '" + task + "' argument 0 must be between 0 and 60000 ms, got " + ms);
        }
        return ms;
    }

    /** {@code bench.sleep(ms)}: parks the thread for that long. */
    static final class Sleep implements Task {
        @Override
        public String name() {
            return SLEEP;
        }

        @Override
        public Object execute(TaskArguments arguments) throws InterruptedException {
            long ms = millis(arguments, SLEEP);
            TimeUnit.MILLISECONDS.sleep(ms);
            return ms;
        }
    }

    /** {@code bench.burn(ms)}: spins until this thread's CPU time has grown by that much. */
    static final class Burn implements Task {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        @Override
        public String name() {
            return BURN;
        }

        @Override
        public Object execute(TaskArguments arguments) {
            long ms = millis(arguments, BURN);
            long until = THREADS.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(ms);
            while (THREADS.getCurrentThreadCpuTime() < until) {
                Thread.onSpinWait();
            }
            return ms;
        }
    }
}
