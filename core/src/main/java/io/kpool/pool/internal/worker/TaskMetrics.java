package io.kpool.pool.internal.worker;

import io.kpool.pool.TaskRegistry;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker's task meters, per task name (tag {@code task}): counters {@code kpool.task.received},
 * {@code kpool.task.succeeded}, {@code kpool.task.failed} (also tagged {@code exception}), {@code kpool.task.retried},
 * {@code kpool.task.expired}; the timer {@code kpool.task.duration} (tags {@code task}, {@code result}: success or
 * failure, {@code exception}: the error's simple class name or {@code none}); the gauge {@code kpool.tasks.in.flight}.
 * A task name the worker does not run is tagged {@value #UNKNOWN}, so records cannot grow the meters without bound.
 */
final class TaskMetrics implements TaskEvents {
    /** The {@code task} tag of a name the worker does not run. */
    static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final TaskRegistry tasks;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Gauge inFlightGauge;

    /**
     * @param registry where to record
     * @param tasks the tasks the worker runs: the names its tags may take
     * @param worker the worker's name: tags its in-flight gauge
     */
    TaskMetrics(MeterRegistry registry, TaskRegistry tasks, String worker) {
        this.registry = registry;
        this.tasks = tasks;
        this.inFlightGauge = Gauge.builder("kpool.tasks.in.flight", inFlight, AtomicInteger::get).tag("worker", worker)
                .description("Tasks running on this worker now").register(registry);
    }

    /** Removes the worker's gauge; its counters stay (they count for the process). */
    void close() {
        registry.remove(inFlightGauge);
    }

    @Override
    public void received(TaskMessage task) {
        counter("kpool.task.received", task).increment();
    }

    @Override
    public void started(TaskMessage task) {
        inFlight.incrementAndGet();
    }

    @Override
    public void succeeded(TaskMessage task, ResultMessage result, long nanos) {
        ended();
        counter("kpool.task.succeeded", task).increment();
        timer(task, "success", "none").record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void failed(TaskMessage task, ResultMessage result, long nanos) {
        ended();
        String exception = simpleName(result.error().type());
        Counter.builder("kpool.task.failed").tag("task", name(task)).tag("exception", exception).register(registry).increment();
        timer(task, "failure", exception).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void retried(TaskMessage task, Throwable error) {
        counter("kpool.task.retried", task).increment();
    }

    @Override
    public void expired(TaskMessage task, ResultMessage result) {
        counter("kpool.task.expired", task).increment();
    }

    private void ended() {
        inFlight.decrementAndGet();
    }

    private Counter counter(String name, TaskMessage task) {
        return Counter.builder(name).tag("task", name(task)).register(registry);
    }

    private Timer timer(TaskMessage task, String result, String exception) {
        return Timer.builder("kpool.task.duration").tag("task", name(task)).tag("result", result).tag("exception", exception)
                .register(registry);
    }

    private String name(TaskMessage task) {
        return tasks.find(task.task()).isPresent() ? task.task() : UNKNOWN;
    }

    private static String simpleName(String type) {
        return type == null ? "unknown" : type.substring(type.lastIndexOf('.') + 1);
    }
}
