package io.kpool.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Prints a workload's progress once a second: done, total, rate over the last second. */
final class Progress implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final String label;
    private final LongSupplier done;
    private final long total;
    private long last;

    private Progress(String label, LongSupplier done, long total) {
        this.label = label;
        this.done = done;
        this.total = total;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param label names the workload in each line
     * @param done how much is done so far (read from the timer thread)
     * @param total how much there is to do
     * @return the running progress; close it when the workload ends
     */
    static Progress start(String label, LongSupplier done, long total) {
        Progress progress = new Progress(label, done, total);
        progress.timer.scheduleAtFixedRate(progress::print, 1, 1, TimeUnit.SECONDS);
        return progress;
    }

    private void print() {
        long now = done.getAsLong();
        System.out.printf("   %s: %,d / %,d (%,d/s)%n", label, now, total, now - last);
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
