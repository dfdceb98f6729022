package io.kpool.pool.internal.worker;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Interrupts a task's thread once the task has run past its time limit: one daemon timer thread per
 * worker. A task that honours interrupts stops; one that does not runs on, but its result is replaced by a
 * FAILURE naming the limit either way.
 */
final class TimeLimits implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timer;

    /** @param worker names the timer thread */
    TimeLimits(String worker) {
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "kpool-time-limits-" + worker);
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** One task's watch: {@link #end()} it when the task returns. */
    static final class Watch {
        private final AtomicBoolean fired = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();
        private ScheduledFuture<?> alarm;

        /**
         * Stops watching; clears an interrupt the alarm left on the calling (task) thread.
         *
         * @return true if the limit was reached
         */
        boolean end() {
            ended.set(true);
            if (alarm != null) {
                alarm.cancel(false);
            }
            synchronized (this) { // the alarm interrupts under this lock: after it, no interrupt can land
                if (fired.get()) {
                    Thread.interrupted();
                }
            }
            return fired.get();
        }
    }

    /**
     * @param limitMillis the task's limit
     * @return a watch that interrupts the calling thread once the limit is reached, unless ended before
     */
    Watch start(long limitMillis) {
        Thread task = Thread.currentThread();
        Watch watch = new Watch();
        watch.alarm = timer.schedule(() -> {
            synchronized (watch) {
                if (!watch.ended.get()) {
                    watch.fired.set(true);
                    task.interrupt();
                }
            }
        }, limitMillis, TimeUnit.MILLISECONDS);
        return watch;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
