package io.kpool.dict.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.kpool.core.internal.kafka.Json;
import io.kpool.dict.SharedDictException;
import java.io.IOException;

/** Converts values to and from the JSON a shared dict holds; every message names the key. */
final class DictValues {
    /** A value sits one level inside its operation, which the fold reads with {@link Json}'s nesting limit. */
    static final int MAX_VALUE_DEPTH = Json.MAX_NESTING_DEPTH - 1;
    /** Writes NaN as NaN, not as the text "NaN": reading it back then fails, and the value is refused. */
    private static final ObjectWriter WRITER = Json.mapper().writer().without(JsonWriteFeature.WRITE_NAN_AS_STRINGS);

    private DictValues() {
    }

    /**
     * Writes the value as JSON and reads it back, so the caller's value is exactly what every client's
     * fold will read (and a value no fold could read is refused here).
     *
     * @param key the key the value is for
     * @param value any JSON-serialisable value
     * @return its JSON tree
     * @throws IllegalArgumentException if it is null, cannot be written as JSON (no serialiser, a cycle),
     *     holds NaN or an infinity, or nests deeper than an operation allows
     */
    static JsonNode toJson(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Value of key '" + key + "' is null: a shared dict holds no nulls; use remove(key)");
        }
        String type = value.getClass().getName();
        JsonNode node;
        byte[] json;
        try {
            json = WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value of key '" + key + "' (a " + type + ") cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
        try {
            node = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Value of key '" + key + "' (a " + type + ") is not valid JSON once written"
                    + " (NaN and infinities have no JSON form): "
                    + (e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage()), e);
        }
        if (node.isNull()) {
            throw new IllegalArgumentException("Value of key '" + key + "' (a " + type + ") is JSON null: a shared dict holds no nulls; use remove(key)");
        }
        if (depth(node) > MAX_VALUE_DEPTH) {
            throw new IllegalArgumentException("Value of key '" + key + "' nests deeper than " + MAX_VALUE_DEPTH + " levels");
        }
        return node;
    }

    /**
     * @return the value converted to {@code type}
     * @throws SharedDictException if it does not have that shape
     */
    static <T> T read(String key, JsonNode value, Class<T> type) {
        try {
            return Json.fromTree(value, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SharedDictException("Value of key '" + key + "' cannot be read as " + type.getName() + ": "
                    + (e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage()), e);
        }
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }
}
