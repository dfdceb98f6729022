package io.kpool.dict.internal;

import io.kpool.core.internal.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * One dict client's meters: {@code kpool.dict.operations} (counter: every call, reads included),
 * {@code kpool.dict.operation.duration} (timer: calls that go through the log), {@code kpool.dict.lock.wait}
 * (timer: asking a lock to holding it) and {@code kpool.dict.operations.pending} (gauge: writes awaiting their fold).
 * With {@link Meters#NONE} it records nothing and never reads the clock.
 */
final class DictMeters {
    private static final String SUCCESS = "success";
    private static final String FAILURE = "failure";
    private static final int RESULTS = 2;

    private final MeterRegistry registry;
    private final String dict;
    private final boolean enabled;
    private final AtomicReferenceArray<Counter> counters = new AtomicReferenceArray<>(DictOperation.values().length * RESULTS);
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(DictOperation.values().length * RESULTS);
    private final Gauge pendingGauge;

    DictMeters(MeterRegistry registry, String dict, PendingOperations pending) {
        this.registry = registry;
        this.dict = dict;
        this.enabled = registry != Meters.NONE;
        this.pendingGauge = enabled ? Gauge.builder("kpool.dict.operations.pending", pending, PendingOperations::size)
                .tag("dict", dict).description("Writes of this client not yet folded").register(registry) : null;
    }

    /** Counts a call that reads this client's replica (not timed: it never leaves memory). */
    void count(DictOperation operation) {
        if (enabled) {
            counter(operation, 0).increment();
        }
    }

    /** @return {@code call}'s value, the call counted and timed, a failure being a thrown exception */
    <T> T record(DictOperation operation, Supplier<T> call) {
        if (!enabled) {
            return call.get();
        }
        long start = System.nanoTime();
        try {
            T value = call.get();
            done(operation, start, 0);
            return value;
        } catch (RuntimeException | Error e) {
            done(operation, start, 1);
            throw e;
        }
    }

    /** @return {@code future}, counted and timed when it completes */
    <T> CompletableFuture<T> recordAsync(DictOperation operation, CompletableFuture<T> future) {
        if (enabled) {
            long start = System.nanoTime();
            future.whenComplete((value, failure) -> done(operation, start, failure == null ? 0 : 1));
        }
        return future;
    }

    /** @return the start of a lock wait, for {@link #lockWait} */
    long lockAsked() {
        return enabled ? System.nanoTime() : 0;
    }

    /**
     * @param lock the lock's name
     * @param asked what {@link #lockAsked} returned
     * @param result {@code acquired}, {@code timeout} or {@code failure}
     */
    void lockWait(String lock, long asked, String result) {
        if (enabled) {
            Timer.builder("kpool.dict.lock.wait").tags("dict", dict, "lock", lock, "result", result)
                    .description("Time from asking a shared lock to holding it (or giving up)")
                    .register(registry).record(System.nanoTime() - asked, TimeUnit.NANOSECONDS);
        }
    }

    /** Removes the pending gauge (the counters and timers stay: they count for the process). */
    void close() {
        if (pendingGauge != null) {
            registry.remove(pendingGauge);
        }
    }

    private void done(DictOperation operation, long start, int result) {
        counter(operation, result).increment();
        timer(operation, result).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private Counter counter(DictOperation operation, int result) {
        int slot = operation.ordinal() * RESULTS + result;
        Counter counter = counters.get(slot);
        if (counter == null) { // a race registers the same meter twice: the registry hands back the first
            counter = Counter.builder("kpool.dict.operations").tags("dict", dict, "operation", operation.tag(), "result", result(result))
                    .description("Calls on a shared dict client").register(registry);
            counters.set(slot, counter);
        }
        return counter;
    }

    private Timer timer(DictOperation operation, int result) {
        int slot = operation.ordinal() * RESULTS + result;
        Timer timer = timers.get(slot);
        if (timer == null) {
            timer = Timer.builder("kpool.dict.operation.duration").tags("dict", dict, "operation", operation.tag(), "result", result(result))
                    .description("Time a shared dict call took, from the call to its outcome folded by this client").register(registry);
            timers.set(slot, timer);
        }
        return timer;
    }

    private static String result(int result) {
        return result == 0 ? SUCCESS : FAILURE;
    }
}
