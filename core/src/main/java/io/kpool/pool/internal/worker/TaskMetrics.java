package io.kpool.pool.internal.worker;

import io.kpool.core.internal.metrics.Meters;
import io.kpool.pool.TaskRegistry;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker's task meters, per task name (tag {@code task}): counters {@code kpool.task.received},
 * {@code kpool.task.succeeded}, {@code kpool.task.failed} (also tagged {@code exception}), {@code kpool.task.retried},
 * {@code kpool.task.expired}; the timer {@code kpool.task.duration} (tags {@code task}, {@code result}: success or
 * failure, {@code exception}: the error's simple class name or {@code none}); the gauge {@code kpool.tasks.in.flight}.
 * A task name the worker does not run is tagged {@value #UNKNOWN}, so records cannot grow the meters without bound.
 * The meters of a name are looked up once and kept; with {@link Meters#NONE} nothing is recorded at all.
 */
final class TaskMetrics implements TaskEvents {
    /** The {@code task} tag of a name the worker does not run. */
    static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final TaskRegistry tasks;
    private final boolean recording;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Gauge inFlightGauge;
    private final Map<String, NameMeters> byName = new ConcurrentHashMap<>();

    /**
     * @param registry where to record
     * @param tasks the tasks the worker runs: the names its tags may take
     * @param worker the worker's name: tags its in-flight gauge
     */
    TaskMetrics(MeterRegistry registry, TaskRegistry tasks, String worker) {
        this.registry = registry;
        this.tasks = tasks;
        this.recording = registry != Meters.NONE;
        this.inFlightGauge = recording ? Gauge.builder("kpool.tasks.in.flight", inFlight, AtomicInteger::get).tag("worker", worker)
                .description("Tasks running on this worker now").register(registry) : null;
    }

    /** Removes the worker's gauge; its counters stay (they count for the process). */
    void close() {
        if (inFlightGauge != null) {
            registry.remove(inFlightGauge);
        }
    }

    @Override
    public void received(TaskMessage task) {
        if (recording) {
            meters(task).received.increment();
        }
    }

    @Override
    public void started(TaskMessage task) {
        if (recording) {
            inFlight.incrementAndGet();
        }
    }

    @Override
    public void succeeded(TaskMessage task, ResultMessage result, long nanos) {
        if (recording) {
            inFlight.decrementAndGet();
            NameMeters meters = meters(task);
            meters.succeeded.increment();
            meters.success.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void failed(TaskMessage task, ResultMessage result, long nanos) {
        if (recording) {
            inFlight.decrementAndGet();
            meters(task).failure(simpleName(result.error().type())).record(nanos);
        }
    }

    @Override
    public void retried(TaskMessage task, ResultMessage notice) {
        if (recording) {
            inFlight.decrementAndGet();
            meters(task).retried.increment();
        }
    }

    @Override
    public void expired(TaskMessage task, ResultMessage result) {
        if (recording) {
            meters(task).expired.increment();
        }
    }

    private NameMeters meters(TaskMessage task) {
        String name = tasks.find(task.task()).isPresent() ? task.task() : UNKNOWN;
        return byName.computeIfAbsent(name, this::register);
    }

    private NameMeters register(String name) {
        return new NameMeters(name, counter("kpool.task.received", name), counter("kpool.task.succeeded", name),
                counter("kpool.task.retried", name), counter("kpool.task.expired", name), timer(name, "success", "none"));
    }

    private Counter counter(String meter, String name) {
        return Counter.builder(meter).tag("task", name).register(registry);
    }

    private Timer timer(String name, String result, String exception) {
        return Timer.builder("kpool.task.duration").tag("task", name).tag("result", result).tag("exception", exception)
                .register(registry);
    }

    private static String simpleName(String type) {
        return type == null ? "unknown" : type.substring(type.lastIndexOf('.') + 1);
    }

    /** The meters of one task name, registered on first use. */
    private final class NameMeters {
        private final String name;
        private final Counter received;
        private final Counter succeeded;
        private final Counter retried;
        private final Counter expired;
        private final Timer success;
        private final Map<String, FailureMeters> failures = new ConcurrentHashMap<>();

        NameMeters(String name, Counter received, Counter succeeded, Counter retried, Counter expired, Timer success) {
            this.name = name;
            this.received = received;
            this.succeeded = succeeded;
            this.retried = retried;
            this.expired = expired;
            this.success = success;
        }

        FailureMeters failure(String exception) {
            return failures.computeIfAbsent(exception, type -> new FailureMeters(
                    Counter.builder("kpool.task.failed").tag("task", name).tag("exception", type).register(registry),
                    timer(name, "failure", type)));
        }
    }

    /** The meters of one task name failing with one exception type. */
    private record FailureMeters(Counter failed, Timer duration) {
        void record(long nanos) {
            failed.increment();
            duration.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
