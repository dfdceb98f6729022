package io.kpool.pool.internal.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a client has learnt from its results about how long each task runs on the workers: a
 * moving average per task name. Only tasks known to be quick are packed several to a record —
 * packing slow ones would keep them on one worker instead of spreading them over all. One slow
 * run makes a task slow at once (its average jumps to that run), while quick runs bring it down
 * only gradually: a task whose time depends on its arguments ({@code sleep(0)}, then {@code sleep(1)})
 * must not go on being packed a hundred to a record, to run one after another on one thread while
 * the others idle, until its average has caught up.
 */
final class TaskCosts {
    /** Tasks whose average run is below this are quick. */
    static final long QUICK_MICROS = 200;
    private static final int SAMPLES_BEFORE_TRUST = 16;

    private final Map<String, Average> averages = new ConcurrentHashMap<>();

    /** @param task a task name @param runMicros how long one run of it took */
    void record(String task, long runMicros) {
        averages.computeIfAbsent(task, name -> new Average()).add(runMicros);
    }

    /** @param task a task name @return true once enough results show that it runs quickly */
    boolean isQuick(String task) {
        long micros = micros(task);
        return micros >= 0 && micros < QUICK_MICROS;
    }

    /** @param task a task name @return its average run in microseconds, or -1 until enough results show it */
    long micros(String task) {
        Average average = averages.get(task);
        return average != null && average.samples >= SAMPLES_BEFORE_TRUST ? average.micros : -1;
    }

    /** An exponential moving average; racy updates only blur it, which is fine for a hint. */
    private static final class Average {
        private volatile long micros;
        private volatile int samples;

        void add(long value) {
            long average = micros;
            micros = samples == 0 || (value >= QUICK_MICROS && value > average) ? value : average + (value - average) / 8;
            if (samples < SAMPLES_BEFORE_TRUST) {
                samples++;
            }
        }
    }
}
