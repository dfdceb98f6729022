package io.kpool.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Prints a workload's progress once a second: done, total, rate over the last second. */
final class DictBenchProgress implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final LongSupplier done;
    private final long total;
    private long last;

    private DictBenchProgress(LongSupplier done, long total) {
        this.done = done;
        this.total = total;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    static DictBenchProgress start(LongSupplier done, long total) {
        DictBenchProgress progress = new DictBenchProgress(done, total);
        progress.timer.scheduleAtFixedRate(progress::print, 1, 1, TimeUnit.SECONDS);
        return progress;
    }

    private void print() {
        long now = done.getAsLong();
        System.out.printf("   %,d / %,d (%,d/s)%n", now, total, now - last);
        last = now;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
