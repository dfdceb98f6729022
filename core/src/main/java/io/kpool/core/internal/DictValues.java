package io.kpool.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.SharedDictException;

/** Converts values to and from the JSON a shared dict holds; every message names the key. */
final class DictValues {
    private DictValues() {
    }

    /**
     * @param key the key the value is for
     * @param value any JSON-serialisable value
     * @return its JSON tree
     * @throws IllegalArgumentException if it is null, cannot be written as JSON, or holds NaN or an infinity
     */
    static JsonNode toJson(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Value of key '" + key + "' is null: a shared dict holds no nulls; use remove(key)");
        }
        JsonNode node;
        try {
            node = Json.mapper().valueToTree(value);
        } catch (IllegalArgumentException | StackOverflowError e) {
            throw new IllegalArgumentException("Value of key '" + key + "' (a " + value.getClass().getName()
                    + ") cannot be written as JSON: " + e.getMessage(), e);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new IllegalArgumentException("Value of key '" + key + "' (a " + value.getClass().getName()
                    + ") is JSON null: a shared dict holds no nulls; use remove(key)");
        }
        requireFinite(key, node);
        return node;
    }

    /**
     * @return the value converted to {@code type}
     * @throws SharedDictException if it does not have that shape
     */
    static <T> T read(String key, JsonNode value, Class<T> type) {
        try {
            return Json.mapper().treeToValue(value, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SharedDictException("Value of key '" + key + "' cannot be read as " + type.getName() + ": "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()), e);
        }
    }

    private static void requireFinite(String key, JsonNode node) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw new IllegalArgumentException("Value of key '" + key + "' holds " + node.doubleValue()
                    + ", which JSON cannot represent");
        }
        for (JsonNode child : node) {
            requireFinite(key, child);
        }
    }
}
