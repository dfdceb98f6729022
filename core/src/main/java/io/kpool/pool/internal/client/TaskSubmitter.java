package io.kpool.pool.internal.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.RetryBackoff;
import io.kpool.pool.TaskCall;
import io.kpool.pool.TaskOptions;
import io.kpool.pool.internal.wire.RetrySpec;
import io.kpool.pool.internal.wire.TaskMessage;
import io.kpool.pool.internal.wire.TraceParent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.MDC;

/**
 * Turns a pool client's calls into task messages: arguments as JSON, the call's options over the
 * client's task defaults (option by option), the expiry; registers each as pending before it goes to
 * the sender, so no result can outrun it. A call without options of its own (and every map chunk)
 * sends the client's defaults as they were prepared once, allocating nothing for them.
 */
final class TaskSubmitter {
    private static final List<JsonNode> NO_ARGS = List.of();
    private static final Map<String, JsonNode> NO_KWARGS = Map.of();

    private final PoolClientOptions options;
    private final PendingTasks pending;
    private final TaskSender sender;
    private final BooleanSupplier open;
    private final RetrySpec defaultRetry;
    private final Long defaultTimeLimitMs;

    /**
     * @param options the client's task defaults, expiry and timeout
     * @param pending where each task waits for its result
     * @param sender what sends the task messages
     * @param open false once the pool is closed: submissions then fail
     */
    TaskSubmitter(PoolClientOptions options, PendingTasks pending, TaskSender sender, BooleanSupplier open) {
        this.options = options;
        this.pending = pending;
        this.sender = sender;
        this.open = open;
        this.defaultRetry = retrySpec(options.taskDefaults());
        this.defaultTimeLimitMs = timeLimitMs(options.taskDefaults());
    }

    /** Sends one call: its own options, each it leaves unset from the client's defaults. */
    <R> PendingTask<R> submit(TaskCall<R> call, Consumer<? super R> callback, Consumer<? super KpoolException> errorCallback) {
        List<JsonNode> args = Json.toTrees(call.args());
        Map<String, JsonNode> kwargs = call.kwargs().isEmpty() ? NO_KWARGS : new LinkedHashMap<>();
        call.kwargs().forEach((name, value) -> kwargs.put(name, Json.toTree(value)));
        TaskOptions own = call.options();
        TaskOptions merged = own == TaskOptions.defaults() ? null : options.taskDefaults().overriddenBy(own);
        return submit(call.task(), args, kwargs, null, call.resultType(), callback, errorCallback, call.expires().orElse(null),
                merged == null ? defaultTimeLimitMs : timeLimitMs(merged), merged == null ? defaultRetry : retrySpec(merged));
    }

    /** Sends one chunk of a map with the client's task defaults: its expiry, time limit and retry options. */
    PendingTask<JsonNode> submitChunk(String taskName, List<List<JsonNode>> batch, JavaType type) {
        return submit(taskName, NO_ARGS, NO_KWARGS, batch, type, null, null, null, defaultTimeLimitMs, defaultRetry);
    }

    private <R> PendingTask<R> submit(String taskName, List<JsonNode> args, Map<String, JsonNode> kwargs,
                                      List<List<JsonNode>> batch, JavaType type, Consumer<? super R> callback,
                                      Consumer<? super KpoolException> errorCallback, Duration expires, Long timeLimitMs,
                                      RetrySpec retry) {
        if (!open.getAsBoolean()) {
            throw new IllegalStateException("Pool " + options.clientId() + " is closed: no more submissions");
        }
        PendingTask<R> task = pending.register(taskName, type, callback, errorCallback);
        try {
            sender.submit(new TaskSender.Outgoing(new TaskMessage(task.id(), taskName, args, kwargs, batch, null,
                    expiresAt(expires), timeLimitMs, retry), task, MDC.get(TraceParent.MDC_KEY)));
        } catch (KpoolException e) {
            pending.withdraw(task);
            throw e;
        }
        return task;
    }

    /** @return when a task submitted now expires, epoch ms: its own expiry, else the pool's, else its task timeout */
    private Long expiresAt(Duration own) {
        Duration after = own != null ? own : !options.taskExpires().isZero() ? options.taskExpires() : options.taskTimeout();
        return after.isZero() ? null : System.currentTimeMillis() + after.toMillis();
    }

    /** @return options' retry settings as a record carries them; every field null that they leave unset */
    private static RetrySpec retrySpec(TaskOptions options) {
        RetryBackoff backoff = options.backoff().orElse(null);
        return new RetrySpec(options.retries().orElse(null), backoff == null ? null : backoff.initial().toMillis(),
                backoff == null ? null : backoff.multiplier(), backoff == null ? null : backoff.max().toMillis(),
                backoff == null ? null : backoff.jitter(), options.retryOn().orElse(null), options.noRetryOn().orElse(null));
    }

    /** @return the options' time limit in ms; null if they set none */
    private static Long timeLimitMs(TaskOptions options) {
        return options.timeLimit().isPresent() ? Long.valueOf(options.timeLimit().get().toMillis()) : null;
    }
}
