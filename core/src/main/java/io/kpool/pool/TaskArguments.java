package io.kpool.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.internal.kafka.Json;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one task call: Python's {@code args} and {@code kwds}. The typed getters fail
 * with a {@link TaskArgumentException} naming the task, the argument and what was expected.
 */
public final class TaskArguments {
    private final String task;
    private final List<JsonNode> positional;
    private final Map<String, JsonNode> keywords;
    private final int attempt;

    /**
     * @param task the task's name (for error messages)
     * @param positional positional arguments
     * @param keywords keyword arguments
     */
    public TaskArguments(String task, List<JsonNode> positional, Map<String, JsonNode> keywords) {
        this(task, positional, keywords, 1);
    }

    /**
     * @param task the task's name (for error messages)
     * @param positional positional arguments
     * @param keywords keyword arguments
     * @param attempt which attempt of the task this is, from 1 (Celery's {@code self.request.retries} + 1)
     */
    public TaskArguments(String task, List<JsonNode> positional, Map<String, JsonNode> keywords, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
        }
        this.task = task;
        this.positional = List.copyOf(positional);
        this.keywords = Map.copyOf(keywords);
        this.attempt = attempt;
    }

    /** @return which attempt of the task this run is: 1 the first time, 2 on the first retry… (from the task record's header) */
    public int attempt() {
        return attempt;
    }

    /** @return how many positional arguments there are */
    public int size() {
        return positional.size();
    }

    /** @return every positional argument as JSON */
    public List<JsonNode> positional() {
        return positional;
    }

    /** @return every keyword argument as JSON */
    public Map<String, JsonNode> keywords() {
        return keywords;
    }

    /**
     * Fails unless there are between {@code min} and {@code max} positional arguments.
     *
     * @param min fewest allowed
     * @param max most allowed
     */
    public void requireCount(int min, int max) {
        if (positional.size() < min || positional.size() > max) {
            String expected = min == max ? Integer.toString(min) : min + " to " + max;
            throw new TaskArgumentException("Task '" + task + "' takes " + expected + " positional argument(s), got " + positional.size());
        }
    }

    /**
     * @param index position, from 0
     * @param type the Java type to read it as (Jackson conversion)
     * @param <T> the type
     * @return the argument
     */
    public <T> T get(int index, Class<T> type) {
        if (index >= positional.size()) {
            throw new TaskArgumentException("Task '" + task + "' needs argument " + index + " (" + type.getSimpleName()
                    + "), got only " + positional.size() + " argument(s)");
        }
        return convert(positional.get(index), type, "argument " + index);
    }

    /** @param index position @return the argument as a long (integral JSON numbers only) */
    public long getLong(int index) {
        JsonNode value = get(index, JsonNode.class);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new TaskArgumentException("Task '" + task + "' argument " + index + " must be an integer, got " + value);
        }
        return value.longValue();
    }

    /** @param index position @return the argument as a double (any JSON number) */
    public double getDouble(int index) {
        JsonNode value = get(index, JsonNode.class);
        if (!value.isNumber()) {
            throw new TaskArgumentException("Task '" + task + "' argument " + index + " must be a number, got " + value);
        }
        return value.doubleValue();
    }

    /** @param index position @return the argument as a string (JSON strings only) */
    public String getString(int index) {
        JsonNode value = get(index, JsonNode.class);
        if (!value.isTextual()) {
            throw new TaskArgumentException("Task '" + task + "' argument " + index + " must be a string, got " + value);
        }
        return value.textValue();
    }

    /**
     * @param name the keyword
     * @param type the Java type to read it as
     * @param defaultValue the value when the keyword is absent
     * @param <T> the type
     * @return the keyword argument or the default
     */
    public <T> T keyword(String name, Class<T> type, T defaultValue) {
        JsonNode value = keywords.get(name);
        return value == null || value.isNull() ? defaultValue : convert(value, type, "keyword argument '" + name + "'");
    }

    private <T> T convert(JsonNode value, Class<T> type, String what) {
        if (type == JsonNode.class) {
            return type.cast(value);
        }
        try {
            return Json.fromTree(value, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new TaskArgumentException("Task '" + task + "' " + what + " must be a " + type.getSimpleName() + ", got " + value);
        }
    }
}
