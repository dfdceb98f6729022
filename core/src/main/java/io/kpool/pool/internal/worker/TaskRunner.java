package io.kpool.pool.internal.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.pool.Task;
import io.kpool.pool.TaskArguments;
import io.kpool.pool.TaskRegistry;
import io.kpool.pool.UnknownTaskException;
import io.kpool.pool.internal.wire.Attempts;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one task message against the registry and turns whatever happens into a {@link TaskOutcome}; a
 * failure (a time limit included) is decided by the {@link FailurePolicy}: answered, retried or dead-lettered. The result's worker and times are left to the
 * caller, which stamps them once per record.
 */
final class TaskRunner {
    /** The longest stack trace a FAILURE carries. */
    static final int MAX_STACK_CHARS = 8_000;

    private final TaskRegistry tasks;
    private final String worker;
    private final FailurePolicy failures;
    private final TimeLimits limits;
    private final long workerLimitMillis;
    private final Clock clock;
    private final AtomicLong expired = new AtomicLong();

    /**
     * @param tasks the tasks the worker runs
     * @param worker the worker's name, for messages
     * @param failures decides what becomes of a failed task
     * @param limits interrupts tasks past their time limit
     * @param workerLimit the worker's time limit; zero for none
     * @param clock tells whether a task expired
     */
    TaskRunner(TaskRegistry tasks, String worker, FailurePolicy failures, TimeLimits limits, Duration workerLimit, Clock clock) {
        this.tasks = tasks;
        this.worker = worker;
        this.failures = failures;
        this.limits = limits;
        this.workerLimitMillis = workerLimit.toMillis();
        this.clock = clock;
    }

    /** @return how many tasks expired before they could start */
    long expired() {
        return expired.get();
    }

    /**
     * @param message the task
     * @param attempts which attempt this is, and the earlier ones' failures
     * @return what becomes of it: its result, and for a failure the failure policy's decision
     */
    TaskOutcome run(TaskMessage message, Attempts attempts) {
        if (message.expiresAt() != null && clock.millis() > message.expiresAt()) {
            expired.incrementAndGet();
            return TaskOutcome.answer(message, rejection(message.id(), "Task '" + message.task() + "' (" + message.id() + ") expired at "
                    + Instant.ofEpochMilli(message.expiresAt()) + (attempts.attempt() == 1 ? " before a worker started it; it did not run"
                    : " before its attempt " + attempts.attempt() + " could start; it was not tried again")));
        }
        long limit = limitMillis(message);
        if (limit == 0) {
            return runTask(message, attempts);
        }
        TimeLimits.Watch watch = limits.start(limit);
        TaskOutcome outcome = runTask(message, attempts);
        if (watch.end()) {
            return failed(message, attempts, new KpoolException("Task '" + message.task() + "' (" + message.id()
                    + ") ran past its time limit of " + Duration.ofMillis(limit) + " and was interrupted ("
                    + KpoolConfig.POOL_TASK_TIME_LIMIT_MS + ", TaskCall.timeLimit)"), false);
        }
        return outcome;
    }

    /** @return the task's own limit, or the worker's, the shorter if both; 0 for none */
    private long limitMillis(TaskMessage message) {
        long own = message.timeLimitMs() == null ? 0 : message.timeLimitMs();
        if (own == 0 || workerLimitMillis == 0) {
            return Math.max(own, workerLimitMillis);
        }
        return Math.min(own, workerLimitMillis);
    }

    private TaskOutcome runTask(TaskMessage message, Attempts attempts) {
        long startNanos = System.nanoTime();
        try {
            Task task = tasks.find(message.task()).orElseThrow(() -> new UnknownTaskException(
                    "Unknown task '" + message.task() + "'; worker " + worker + " has " + tasks.names()));
            JsonNode result = message.batch() == null
                    ? Json.toTree(task.execute(new TaskArguments(message.task(), message.args(), message.kwargs(), attempts.attempt())))
                    : runBatch(task, message, attempts.attempt());
            requireFinite(message, result);
            return TaskOutcome.succeeded(message, attempts, new ResultMessage(message.id(), ResultMessage.Status.SUCCESS, result,
                    null, null, null, null, (System.nanoTime() - startNanos) / 1000));
        } catch (Exception | StackOverflowError e) {
            return failed(message, attempts, e, true);
        }
    }

    /** A failure as the failure policy decides it; {@code withStack}: the task's own exception, not the worker's verdict. */
    private TaskOutcome failed(TaskMessage message, Attempts attempts, Throwable e, boolean withStack) {
        ResultMessage failure = new ResultMessage(message.id(), ResultMessage.Status.FAILURE, null,
                new ResultMessage.Error(e.getClass().getName(), e.getMessage(), withStack ? stack(e) : null), null, null, null, null);
        return TaskOutcome.failed(message, attempts, failure, failures.decide(message, attempts.attempt(), e), clock.instant());
    }

    /**
     * @param id the task's id
     * @param reason why the worker did not run it or cannot answer it, for the client
     * @return a FAILURE without a stack trace (the worker's own decision, not an exception of the task)
     */
    static ResultMessage rejection(String id, String reason) {
        return new ResultMessage(id, ResultMessage.Status.FAILURE, null,
                new ResultMessage.Error(KpoolException.class.getName(), reason, null), null, null, null, null);
    }

    /** JSON has no NaN or infinities: a result holding one fails instead of arriving as a string. */
    private static void requireFinite(TaskMessage message, JsonNode result) {
        if (result.isFloatingPointNumber() && !Double.isFinite(result.doubleValue())) {
            throw new KpoolException("Task '" + message.task() + "' returned " + result.doubleValue()
                    + ", which JSON cannot carry: return a finite number, null or a string");
        }
        if (result.isContainerNode()) {
            for (JsonNode child : result) {
                requireFinite(message, child);
            }
        }
    }

    /** The chunk's results as one JSON array, built element by element (no serialising of the whole list). */
    private static JsonNode runBatch(Task task, TaskMessage message, int attempt) throws Exception {
        ArrayNode results = Json.nodes().arrayNode(message.batch().size());
        for (List<JsonNode> args : message.batch()) {
            results.add(Json.toTree(task.execute(new TaskArguments(message.task(), args, message.kwargs(), attempt))));
        }
        return results;
    }

    private static String stack(Throwable e) {
        StringWriter writer = new StringWriter();
        e.printStackTrace(new PrintWriter(writer));
        String text = writer.toString();
        return text.length() > MAX_STACK_CHARS ? text.substring(0, MAX_STACK_CHARS) + "\n\t..." : text;
    }
}
