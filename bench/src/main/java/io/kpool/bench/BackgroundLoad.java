package io.kpool.bench;

import io.kpool.pool.Pool;
import io.kpool.pool.TaskCall;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Another client keeping a pool partly busy: submits {@code bench.sleep(taskMs)} at a steady rate
 * (open loop, as independent users would) so that on average {@code busyThreads} worker threads sleep.
 */
final class BackgroundLoad implements AutoCloseable {
    private final Pool pool;
    private final int taskMs;
    private final long intervalNanos;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong wrong = new AtomicLong();
    private final Thread thread;
    private final long start = System.nanoTime();
    private volatile boolean running = true;

    BackgroundLoad(Pool pool, int taskMs, double busyThreads) {
        this.pool = pool;
        this.taskMs = taskMs;
        this.intervalNanos = (long) (TimeUnit.MILLISECONDS.toNanos(taskMs) / busyThreads);
        this.thread = new Thread(this::submit, "bench-load");
        thread.start();
    }

    private void submit() {
        long next = System.nanoTime();
        while (running) {
            pool.applyAsync(TaskCall.of(BenchTasks.SLEEP, taskMs).returning(Long.class)).toCompletionStage().whenComplete((ms, error) -> {
                if (error == null && ms == taskMs) {
                    completed.incrementAndGet();
                } else {
                    wrong.incrementAndGet();
                }
            });
            next += intervalNanos;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    /** @return worker threads kept busy on average so far: tasks completed × their duration / elapsed time */
    double busyThreads() {
        return completed.get() * (double) TimeUnit.MILLISECONDS.toNanos(taskMs) / (System.nanoTime() - start);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Stats.check(wrong.get() == 0, wrong.get() + " background task(s) failed or came back wrong");
    }
}
