package io.kpool.pool;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.kpool.core.internal.kafka.Json;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of a named task, with its arguments and the type its result is read as:
 * {@code TaskCall.of("square", 3).returning(Integer.class)}. Immutable.
 *
 * @param <R> the result type
 */
public final class TaskCall<R> {
    private final String task;
    private final List<Object> args;
    private final Map<String, Object> kwargs;
    private final JavaType resultType;
    private final TaskOptions options;

    private TaskCall(String task, List<Object> args, Map<String, Object> kwargs, JavaType resultType, TaskOptions options) {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("task must name a task, got '" + task + "'");
        }
        this.task = task;
        this.args = args;
        this.kwargs = kwargs;
        this.resultType = resultType;
        this.options = options;
    }

    private TaskCall(String task, List<Object> args, Map<String, Object> kwargs, JavaType resultType) {
        this(task, args, kwargs, resultType, TaskOptions.defaults());
    }

    /**
     * @param task the task's name
     * @param args positional arguments, any JSON-serialisable values
     * @return a call whose result is read as plain Java (numbers, strings, lists, maps)
     */
    public static TaskCall<Object> of(String task, Object... args) {
        return new TaskCall<>(task, Arrays.asList(args.clone()), Map.of(), Json.mapper().constructType(Object.class));
    }

    /**
     * @param task the task's name
     * @param args positional arguments
     * @return a call whose result is read as plain Java
     */
    public static TaskCall<Object> of(String task, List<?> args) {
        return new TaskCall<>(task, List.copyOf(args), Map.of(), Json.mapper().constructType(Object.class));
    }

    /**
     * @param name a keyword argument's name
     * @param value its value
     * @return a call with it added (Python's {@code kwds})
     */
    public TaskCall<R> kwarg(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(kwargs);
        more.put(Objects.requireNonNull(name, "kwarg name"), value);
        return new TaskCall<>(task, args, Map.copyOf(more), resultType, options);
    }

    /**
     * Celery's {@code expires}: a task no worker has started within this time after its submission is not
     * run; its result is a FAILURE saying it expired. Without it the pool's default applies (its task
     * timeout, if one is set).
     *
     * @param after how long after submission the task expires; positive
     * @return the same call with this expiry
     * @throws IllegalArgumentException if {@code after} is not positive
     */
    public TaskCall<R> expires(Duration after) {
        return new TaskCall<>(task, args, kwargs, resultType, options.expires(after));
    }

    /**
     * Celery's {@code time_limit}: once the task has run this long its worker interrupts its thread and
     * answers with a FAILURE naming the limit (a task that ignores interrupts runs on, but its result is
     * that FAILURE). Without it the worker's limit applies, if any.
     *
     * @param limit how long the task may run; at least a millisecond
     * @return the same call with this time limit
     * @throws IllegalArgumentException if {@code limit} is shorter than a millisecond
     */
    public TaskCall<R> timeLimit(Duration limit) {
        return new TaskCall<>(task, args, kwargs, resultType, options.timeLimit(limit));
    }

    /**
     * Celery's {@code max_retries} (with {@code autoretry_for} every exception): a failed task is tried
     * again up to this many times, after the backoff of its options or the worker's.
     *
     * @param count retries; 0 for none
     * @return the same call with them
     */
    public TaskCall<R> retries(int count) {
        return new TaskCall<>(task, args, kwargs, resultType, options.retries(count));
    }

    /**
     * @param value every option of this call at once (retries, backoff, retryOn, noRetryOn, expires, time limit)
     * @return the same call with them
     */
    public TaskCall<R> options(TaskOptions value) {
        return new TaskCall<>(task, args, kwargs, resultType, Objects.requireNonNull(value, "options"));
    }

    /** @return this call's options */
    public TaskOptions options() {
        return options;
    }

    /**
     * @param type the class to read the result as
     * @param <T> the result type
     * @return the same call with a typed result
     */
    public <T> TaskCall<T> returning(Class<T> type) {
        return new TaskCall<>(task, args, kwargs, Json.typeOf(type), options);
    }

    /**
     * @param type the generic type to read the result as, e.g. {@code new TypeReference<List<Long>>() {}}
     * @param <T> the result type
     * @return the same call with a typed result
     */
    public <T> TaskCall<T> returning(TypeReference<T> type) {
        return new TaskCall<>(task, args, kwargs, Json.mapper().constructType(type), options);
    }

    /** @return the task's name */
    public String task() {
        return task;
    }

    /** @return the positional arguments */
    public List<Object> args() {
        return args;
    }

    /** @return the keyword arguments */
    public Map<String, Object> kwargs() {
        return kwargs;
    }

    /** @return how long after submission the task expires, or empty for the pool's default */
    public Optional<Duration> expires() {
        return options.expires();
    }

    /** @return how long the task may run, or empty for the worker's limit */
    public Optional<Duration> timeLimit() {
        return options.timeLimit();
    }

    /** @return the type the result is read as */
    public JavaType resultType() {
        return resultType;
    }
}
