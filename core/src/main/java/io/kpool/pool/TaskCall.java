package io.kpool.pool;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.kpool.core.internal.kafka.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    private TaskCall(String task, List<Object> args, Map<String, Object> kwargs, JavaType resultType) {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("task must name a task, got '" + task + "'");
        }
        this.task = task;
        this.args = args;
        this.kwargs = kwargs;
        this.resultType = resultType;
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
        return new TaskCall<>(task, args, Map.copyOf(more), resultType);
    }

    /**
     * @param type the class to read the result as
     * @param <T> the result type
     * @return the same call with a typed result
     */
    public <T> TaskCall<T> returning(Class<T> type) {
        return new TaskCall<>(task, args, kwargs, Json.typeOf(type));
    }

    /**
     * @param type the generic type to read the result as, e.g. {@code new TypeReference<List<Long>>() {}}
     * @param <T> the result type
     * @return the same call with a typed result
     */
    public <T> TaskCall<T> returning(TypeReference<T> type) {
        return new TaskCall<>(task, args, kwargs, Json.mapper().constructType(type));
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

    /** @return the type the result is read as */
    public JavaType resultType() {
        return resultType;
    }
}
