package io.kpool.pool.internal.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.kpool.core.internal.kafka.Json;
import io.kpool.pool.TaskArguments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link TaskWire} and {@link ResultWire} share: writing and reading JSON values with Jackson's
 * streaming API under {@link Json}'s limits on nesting and sizes, common scalars without the mapper,
 * and errors that say what was expected and where.
 */
final class WireJson {
    /** Reads one value out of a message: what follows it is the message's, not trailing garbage. */
    private static final ObjectReader EMBEDDED_VALUE = Json.mapper().readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WireJson() {
    }

    /** Writes a JSON value; scalars straight to the generator, anything else through the mapper. */
    static void writeValue(JsonGenerator json, JsonNode value) throws IOException {
        if (value == null || value.isNull()) {
            json.writeNull();
        } else if (value.isInt()) {
            json.writeNumber(value.intValue());
        } else if (value.isLong()) {
            json.writeNumber(value.longValue());
        } else if (value.isTextual()) {
            json.writeString(value.textValue());
        } else if (value.isBoolean()) {
            json.writeBoolean(value.booleanValue());
        } else if (value.isArray()) {
            json.writeStartArray();
            for (JsonNode element : value) {
                writeValue(json, element);
            }
            json.writeEndArray();
        } else {
            Json.mapper().writeTree(json, value);
        }
    }

    static void writeArray(JsonGenerator json, List<JsonNode> values) throws IOException {
        json.writeStartArray();
        for (JsonNode value : values) {
            writeValue(json, value);
        }
        json.writeEndArray();
    }

    static void writeString(JsonGenerator json, SerializableString field, String value) throws IOException {
        json.writeFieldName(field);
        json.writeString(value);
    }

    static void writeNumber(JsonGenerator json, SerializableString field, long value) throws IOException {
        json.writeFieldName(field);
        json.writeNumber(value);
    }

    static void writeOptional(JsonGenerator json, SerializableString field, String value) throws IOException {
        if (value != null) {
            writeString(json, field, value);
        }
    }

    /**
     * Reads the JSON value starting at {@code token}, leaving the parser on its last token; common
     * scalars without the mapper.
     */
    static JsonNode readValue(JsonParser json, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NUMBER_INT -> switch (json.getNumberType()) {
                case INT -> Json.nodes().numberNode(json.getIntValue());
                case LONG -> Json.nodes().numberNode(json.getLongValue());
                default -> EMBEDDED_VALUE.readTree(json);
            };
            case VALUE_STRING -> Json.nodes().textNode(json.getText());
            case VALUE_TRUE, VALUE_FALSE -> Json.nodes().booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> Json.nodes().nullNode();
            case START_ARRAY -> readArrayNode(json);
            default -> EMBEDDED_VALUE.readTree(json);
        };
    }

    /**
     * An array (a map chunk's results), its scalars without the mapper; the parser's own limits still
     * bound its nesting and size.
     */
    private static JsonNode readArrayNode(JsonParser json) throws IOException {
        ArrayNode array = Json.nodes().arrayNode();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            if (token == null) {
                throw new IllegalArgumentException("an array is not closed" + at(json));
            }
            array.add(readValue(json, token));
        }
        return array;
    }

    static List<JsonNode> readArray(JsonParser json, JsonToken token, String what) throws IOException {
        expect(json, token, JsonToken.START_ARRAY, what + " as an array");
        token = json.nextToken();
        if (token == JsonToken.END_ARRAY) {
            return List.of();
        }
        JsonNode first = readValue(json, token);
        token = json.nextToken();
        if (token == JsonToken.END_ARRAY) {
            return List.of(first); // the usual single argument, in the list TaskArguments keeps without copying
        }
        List<JsonNode> values = new ArrayList<>(4);
        values.add(first);
        for (; token != JsonToken.END_ARRAY; token = json.nextToken()) {
            values.add(readValue(json, token));
        }
        return values;
    }

    static Map<String, JsonNode> readObject(JsonParser json, JsonToken token, String what) throws IOException {
        expect(json, token, JsonToken.START_OBJECT, what + " as an object");
        Map<String, JsonNode> values = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            values.put(name, readValue(json, json.nextToken()));
        }
        return values;
    }

    static String text(JsonParser json, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string, got " + describe(token) + at(json));
        }
        return json.getText();
    }

    static void expect(JsonParser json, JsonToken token, JsonToken expected, String what) {
        if (token != expected) {
            throw new IllegalArgumentException("expected " + what + ", got " + describe(token) + at(json));
        }
    }

    static void expectEnd(JsonParser json) throws IOException {
        JsonToken trailing = json.nextToken();
        if (trailing != null) {
            throw new IllegalArgumentException("unexpected " + describe(trailing) + " after the message" + at(json));
        }
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT, END_OBJECT -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() != null ? token.asString() : token.name();
        };
    }

    static String at(JsonParser json) {
        return " (at line " + json.currentTokenLocation().getLineNr() + ", column " + json.currentTokenLocation().getColumnNr() + ")";
    }

    static JsonParser parser(byte[] value) throws IOException {
        if (value == null) {
            throw new IllegalArgumentException("record has no value");
        }
        return Json.mapper().getFactory().createParser(value);
    }

    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    /** @param sizeHint the expected size in bytes: one buffer of that size, no growing and copying on the way */
    static byte[] write(int sizeHint, Writer writer) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(sizeHint)) {
            try (JsonGenerator json = Json.mapper().getFactory().createGenerator(bytes)) {
                writer.write(json);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a pool message", e);
        }
    }
}