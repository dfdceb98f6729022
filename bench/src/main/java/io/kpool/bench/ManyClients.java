package io.kpool.bench;

import io.kpool.pool.Pool;
import io.kpool.pool.TaskCall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several pool clients at once (each its own {@link Pool}, reply partition and thread), each submitting
 * its tasks with {@code applyAsync} as fast as it can; each task's latency is from its submission to
 * its result arriving at its client.
 *
 * @param tasksPerSecond all clients' tasks over the wall time from the first submission to the last result
 * @param latencies every task's latency, nanoseconds, ascending
 */
record ManyClients(double tasksPerSecond, long[] latencies) {

    @SuppressWarnings("try") // the progress printer only needs closing
    static ManyClients run(PoolTopics topics, int clients, int tasksEach) throws InterruptedException {
        List<Pool> pools = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            pools.add(Pool.open(topics.client("bench-many-" + clients + "-" + i).toBuilder().replyPartition(i).build()));
        }
        long[] latencies = new long[clients * tasksEach];
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(clients * tasksEach);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        try (Progress progress = Progress.start(clients + " client(s) (results in)", done::get, (long) clients * tasksEach)) {
            for (int c = 0; c < clients; c++) {
                Pool pool = pools.get(c);
                int first = c * tasksEach;
                Thread thread = new Thread(() -> submit(pool, first, tasksEach, latencies, done, finished), "bench-client-" + c);
                thread.start();
                threads.add(thread);
            }
            Stats.check(finished.await(5, TimeUnit.MINUTES), "results missing after 5 minutes: " + done.get() + " in");
            Stats.check(done.get() == latencies.length, (latencies.length - done.get()) + " result(s) wrong or failed");
        } finally {
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            pools.forEach(Pool::terminate);
        }
        long nanos = System.nanoTime() - start;
        Arrays.sort(latencies);
        return new ManyClients(clients * (double) tasksEach * 1e9 / nanos, latencies);
    }

    private static void submit(Pool pool, int first, int count, long[] latencies, AtomicLong done, CountDownLatch finished) {
        for (int i = 0; i < count; i++) {
            int slot = first + i;
            long n = slot % 1000;
            long submitted = System.nanoTime();
            pool.applyAsync(TaskCall.of(BenchTasks.SQUARE, n).returning(Long.class)).toCompletionStage().whenComplete((square, error) -> {
                latencies[slot] = System.nanoTime() - submitted;
                if (error == null && square == n * n) {
                    done.incrementAndGet();
                } else {
                    System.out.println("   WRONG RESULT: square(" + n + ") gave " + square + " / " + error);
                }
                finished.countDown();
            });
        }
    }
}
