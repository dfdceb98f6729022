package io.kpool.queue.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.kpool.core.internal.kafka.Json;
import java.io.IOException;

/**
 * Reading the value of a queue item record, {@code {"id", "item", "producer", "sentAt"}} (README "Wire format"):
 * the producers' own shape without a parser ({@link ProducerShape}), anything else field by field with Jackson's
 * streaming API (no tree of the whole message, no data-binding context per item). {@link QueueMessageWriter} writes it.
 */
final class QueueMessage {
    /** Reads one value in the middle of a message: what follows it is the rest of the message, not trailing text. */
    private static final ObjectReader VALUE = Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private QueueMessage() {
    }

    /**
     * The fields a consumer reads, each as the JSON node it holds (null where absent; the last one wins where a field
     * repeats, as in a tree). {@code sentAt} and unknown fields are read (so they are checked against the reader's
     * limits) and dropped.
     *
     * @param id {@code "id"}
     * @param item {@code "item"}
     * @param producer {@code "producer"}
     */
    record Fields(JsonNode id, JsonNode item, JsonNode producer) {

        /**
         * @param value a record value
         * @return its fields, or null if it is no JSON object (the caller reads it as a tree to say what it is)
         * @throws IOException if it is not valid JSON, or breaks the reader's limits
         */
        static Fields read(byte[] value) throws IOException {
            Fields produced = ProducerShape.read(value); // what kpool's producers write, read without a parser
            if (produced != null) {
                return produced;
            }
            try (JsonParser in = Json.mapper().createParser(value)) {
                if (in.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                JsonNode id = null;
                JsonNode item = null;
                JsonNode producer = null;
                for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
                    in.nextToken();
                    JsonNode node = node(in);
                    switch (name) {
                        case "id" -> id = node;
                        case "item" -> item = node;
                        case "producer" -> producer = node;
                        default -> { } // sentAt and unknown fields: informational
                    }
                }
                if (in.currentToken() != JsonToken.END_OBJECT || in.nextToken() != null) {
                    throw new IOException("a queue message must be one JSON object and nothing after it");
                }
                return new Fields(id, item, producer);
            }
        }

        /** The value at the parser's current token, as a tree reads it; the common scalars built directly. */
        private static JsonNode node(JsonParser in) throws IOException {
            switch (in.currentToken()) {
                case VALUE_STRING:
                    return Json.nodes().textNode(in.getText());
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return Json.nodes().booleanNode(in.getBooleanValue());
                case VALUE_NULL:
                    return Json.nodes().nullNode();
                case VALUE_NUMBER_INT:
                    JsonParser.NumberType type = in.getNumberType();
                    if (type == JsonParser.NumberType.INT) {
                        return Json.nodes().numberNode(in.getIntValue());
                    }
                    if (type == JsonParser.NumberType.LONG) {
                        return Json.nodes().numberNode(in.getLongValue());
                    }
                    return VALUE.readTree(in);
                default:
                    return VALUE.readTree(in); // objects, arrays, fractions: the mapper's own reading
            }
        }
    }
}
