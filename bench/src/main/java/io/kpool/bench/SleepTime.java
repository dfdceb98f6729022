package io.kpool.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What a sleep of {@code ms} really takes on this machine at the moment: {@code bench.sleep(1)} cannot run
 * more often than once per real sleep on a thread (on Linux a 1 ms sleep takes about 1.1 ms: the timer
 * slack, the wake-up), so the scale benchmark states the ideal that the real sleep allows beside the
 * nominal one.
 */
final class SleepTime {
    private SleepTime() {
    }

    /**
     * @param ms the sleep asked for
     * @param threads how many threads sleep at once (as a worker's threads do)
     * @param sleeps sleeps per thread
     * @return the mean time one sleep took, in milliseconds
     */
    static double meanMillis(int ms, int threads, int sleeps) throws Exception {
        ExecutorService sleepers = Executors.newFixedThreadPool(threads, runnable -> new Thread(runnable, "bench-sleep-probe"));
        try {
            List<Future<Long>> nanos = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                nanos.add(sleepers.submit(() -> {
                    long start = System.nanoTime();
                    for (int j = 0; j < sleeps; j++) {
                        TimeUnit.MILLISECONDS.sleep(ms);
                    }
                    return System.nanoTime() - start;
                }));
            }
            long total = 0;
            for (Future<Long> thread : nanos) {
                total += thread.get(1, TimeUnit.MINUTES);
            }
            return total / 1e6 / threads / sleeps;
        } finally {
            sleepers.shutdownNow();
            sleepers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
