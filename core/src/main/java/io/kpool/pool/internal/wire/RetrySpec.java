package io.kpool.pool.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpool.core.internal.kafka.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task's retry options as its record carries them, the {@code "retry"} object of a task:
 * {@code {"max", "backoffMs", "multiplier", "maxBackoffMs", "jitter", "on", "notOn"}}. Every field is
 * optional: the worker's setting fills an absent one.
 *
 * @param max retries (attempts after the first); 0 or more
 * @param backoffMs the wait before the first retry; at least 1
 * @param multiplier growth of each further wait; at least 1
 * @param maxBackoffMs the longest wait; at least 1
 * @param jitter the random fraction of each wait, from 0 to 1
 * @param on exception class names that are retried (empty: every one)
 * @param notOn exception class names that are not
 */
public record RetrySpec(Integer max, Long backoffMs, Double multiplier, Long maxBackoffMs, Double jitter, List<String> on,
                        List<String> notOn) {

    /** Rejects values no worker could use, naming the field. */
    public RetrySpec {
        check(max == null || max >= 0, "max", max, "0 or more");
        check(backoffMs == null || backoffMs >= 1, "backoffMs", backoffMs, "at least 1");
        check(multiplier == null || multiplier >= 1 && !multiplier.isInfinite(), "multiplier", multiplier, "a number of at least 1");
        check(maxBackoffMs == null || maxBackoffMs >= 1, "maxBackoffMs", maxBackoffMs, "at least 1");
        check(jitter == null || jitter >= 0 && jitter <= 1, "jitter", jitter, "from 0 to 1");
        on = on == null ? null : List.copyOf(on);
        notOn = notOn == null ? null : List.copyOf(notOn);
    }

    private static void check(boolean ok, String field, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("\"retry\": \"" + field + "\" must be " + allowed + ", got " + value);
        }
    }

    /** @return true if it sets nothing (then it is not written) */
    boolean isEmpty() {
        return max == null && backoffMs == null && multiplier == null && maxBackoffMs == null && jitter == null && on == null
                && notOn == null;
    }

    /** @return the {@code "retry"} object */
    JsonNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        if (max != null) {
            node.put("max", max);
        }
        if (backoffMs != null) {
            node.put("backoffMs", backoffMs);
        }
        if (multiplier != null) {
            node.put("multiplier", multiplier);
        }
        if (maxBackoffMs != null) {
            node.put("maxBackoffMs", maxBackoffMs);
        }
        if (jitter != null) {
            node.put("jitter", jitter);
        }
        if (on != null) {
            on.forEach(node.putArray("on")::add);
        }
        if (notOn != null) {
            notOn.forEach(node.putArray("notOn")::add);
        }
        return node;
    }

    /**
     * @param fields the {@code "retry"} object's fields
     * @return the options; unknown fields are ignored
     * @throws IllegalArgumentException naming a field of the wrong type or value
     */
    static RetrySpec fromJson(Map<String, JsonNode> fields) {
        return new RetrySpec(
                fields.containsKey("max") ? (int) integer(fields, "max", Integer.MAX_VALUE) : null,
                fields.containsKey("backoffMs") ? integer(fields, "backoffMs", Long.MAX_VALUE) : null,
                number(fields, "multiplier"),
                fields.containsKey("maxBackoffMs") ? integer(fields, "maxBackoffMs", Long.MAX_VALUE) : null,
                number(fields, "jitter"),
                names(fields, "on"),
                names(fields, "notOn"));
    }

    private static long integer(Map<String, JsonNode> fields, String field, long most) {
        JsonNode value = fields.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() > most) {
            throw new IllegalArgumentException("\"retry\": \"" + field + "\" must be an integer, got " + value);
        }
        return value.longValue();
    }

    private static Double number(Map<String, JsonNode> fields, String field) {
        JsonNode value = fields.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("\"retry\": \"" + field + "\" must be a number, got " + value);
        }
        return value.doubleValue();
    }

    private static List<String> names(Map<String, JsonNode> fields, String field) {
        JsonNode value = fields.get(field);
        if (value == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(name -> names.add(name.isTextual() ? name.textValue() : null));
        }
        if (!value.isArray() || names.contains(null)) {
            throw new IllegalArgumentException("\"retry\": \"" + field + "\" must be an array of class names, got " + value);
        }
        return names;
    }
}
