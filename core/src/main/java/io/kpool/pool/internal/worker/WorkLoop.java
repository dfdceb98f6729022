package io.kpool.pool.internal.worker;

import io.kpool.core.KpoolConfig;
import io.kpool.core.internal.delivery.InFlight;
import io.kpool.core.internal.delivery.RecordStream;
import io.kpool.core.internal.kafka.IsoTime;
import io.kpool.pool.PoolWorkerOptions;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What each worker thread runs: takes task records from the stream, runs their tasks (or rejects a batch
 * larger than the worker runs from one record) and hands the answers to the result publisher, or, in share
 * mode, releases a failed record for another attempt. Every thread of a worker runs the same loop.
 */
final class WorkLoop implements Runnable {
    private static final Duration TAKE_TIMEOUT = Duration.ofMillis(200);
    /** Tasks quicker than this (on average) are taken in runs of {@link #RUN}: one hand-over per run. */
    private static final long QUICK_TASK_NANOS = 100_000;
    private static final int RUN = 32;

    private final PoolWorkerOptions options;
    private final RecordStream<TaskRequest> stream;
    private final TaskRunner runner;
    private final TaskEvents events;
    private final ShareAttempts attempts;
    private final ResultPublisher results;
    private final Consumer<Exception> fail;
    private volatile boolean taking = true;
    private volatile boolean closed;

    /**
     * @param options the worker's name and the most tasks it runs from one record
     * @param stream where task records come from
     * @param runner runs one task
     * @param events told of the tasks of a rejected batch
     * @param attempts in share mode, releases a failed record for another attempt
     * @param results publishes the answers of a record
     * @param fail told of an error that stops the worker
     */
    WorkLoop(PoolWorkerOptions options, RecordStream<TaskRequest> stream, TaskRunner runner, TaskEvents events,
             ShareAttempts attempts, ResultPublisher results, Consumer<Exception> fail) {
        this.options = options;
        this.stream = stream;
        this.runner = runner;
        this.events = events;
        this.attempts = attempts;
        this.results = results;
        this.fail = fail;
    }

    /** @return true until {@link #stopTaking()} */
    boolean isTaking() {
        return taking;
    }

    /** The threads take no further record; each finishes the ones it holds. */
    void stopTaking() {
        taking = false;
    }

    /** The stream is closing: a thread that finds it closed stops quietly. */
    void closed() {
        closed = true;
    }

    /**
     * One worker thread. Slow tasks are taken one at a time, so every idle thread gets one; quick
     * ones in runs, so handing them over does not cost more than running them.
     */
    @Override
    public void run() {
        long averageNanos = QUICK_TASK_NANOS;
        try {
            while (taking) {
                List<InFlight<TaskRequest>> next = stream.take(averageNanos < QUICK_TASK_NANOS ? RUN : 1, TAKE_TIMEOUT);
                for (InFlight<TaskRequest> entry : next) {
                    long start = System.nanoTime();
                    runOne(entry);
                    averageNanos += (System.nanoTime() - start - averageNanos) / 8;
                }
            }
        } catch (IllegalStateException e) {
            if (!closed) {
                fail.accept(e);
            }
        } catch (RuntimeException e) {
            fail.accept(e);
        }
    }

    private void runOne(InFlight<TaskRequest> entry) {
        TaskRequest request = entry.value();
        List<TaskOutcome> answers = new ArrayList<>(request.messages().size());
        String started = IsoTime.now();
        if (request.messages().size() > options.maxBatchTasks()) {
            String reason = "Task batch " + request.id() + " holds " + request.messages().size() + " tasks, more than worker "
                    + options.clientId() + " runs from one record (" + KpoolConfig.POOL_MAX_BATCH_TASKS + " = "
                    + options.maxBatchTasks() + "); none of them ran";
            try (TaskLog.Scope scope = TaskLog.scope(request.clientId(), request.traceparent())) {
                for (TaskMessage message : request.messages()) {
                    ResultMessage rejection = TaskRunner.rejection(message.id(), reason);
                    scope.task(message);
                    events.received(message);
                    events.started(message);
                    events.failed(message, rejection, 0);
                    answers.add(TaskOutcome.answer(message, rejection));
                }
            }
        } else {
            try (TaskLog.Scope scope = TaskLog.scope(request.clientId(), request.traceparent())) {
                for (TaskMessage message : request.messages()) {
                    scope.task(message);
                    answers.add(runner.run(message, request.attempts()));
                }
            }
        }
        if (!attempts.released(entry, answers)) {
            results.publish(entry, answers, started, IsoTime.now());
        }
    }
}
