package io.kpool.dict.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.kpool.core.internal.kafka.Json;
import io.kpool.dict.SharedDictException;
import io.kpool.dict.internal.fold.OperationCodec;
import io.kpool.dict.internal.fold.WireLimits;

/** Converts values to and from the JSON a shared dict holds; every message names the key. */
final class DictValues {
    /** A value sits one level inside its operation's object. */
    static final int MAX_VALUE_DEPTH = WireLimits.MAX_VALUE_DEPTH;
    /** Writes NaN as NaN, not as the text "NaN": reading it back then fails, and the value is refused. */
    private static final ObjectWriter WRITER = Json.mapper().writer().without(JsonWriteFeature.WRITE_NAN_AS_STRINGS);

    private DictValues() {
    }

    /**
     * Writes the value as JSON and reads it back the way the fold reads it, so the caller's value is
     * exactly what every client's fold will read (and a value no fold accepts is refused here).
     *
     * @param key the key the value is for
     * @param value any JSON-serialisable value
     * @return its JSON tree
     * @throws IllegalArgumentException if it is null, cannot be written as JSON (no serialiser, a cycle),
     *     holds NaN or an infinity, or breaks a limit of the wire format (nesting, string or number length)
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
            node = OperationCodec.readValue(json);
        } catch (IllegalArgumentException e) {
            String hint = e.getMessage().contains("Non-standard token") ? " (NaN and infinities have no JSON form)" : "";
            throw new IllegalArgumentException("Value of key '" + key + "' (a " + type + ") cannot be held by a shared dict"
                    + hint + ": " + e.getMessage(), e);
        }
        if (node.isNull()) {
            throw new IllegalArgumentException("Value of key '" + key + "' (a " + type + ") is JSON null: a shared dict holds no nulls; use remove(key)");
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
}
