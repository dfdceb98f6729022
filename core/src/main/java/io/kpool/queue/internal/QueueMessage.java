package io.kpool.queue.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.BaseJsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kpool.core.internal.kafka.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.time.Instant;

/**
 * The value of a queue item record, {@code {"id", "item", "producer", "sentAt"}} (README "Wire format"),
 * written and read field by field with Jackson's streaming API: no tree of the whole message and no data-binding
 * context per item, the two costs that dominated a put and a get of a small item.
 */
final class QueueMessage {
    /** Reads one value in the middle of a message: what follows it is the rest of the message, not trailing text. */
    private static final ObjectReader VALUE = Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private QueueMessage() {
    }

    /**
     * Writes one producer's messages: the bytes around the id's sequence number and the item that are the same in every
     * message (the id's prefix and the producer, escaped by Jackson once) are made once.
     */
    static final class Writer {
        private static final byte[] ITEM = utf8("\",\"item\":");
        private static final byte[] END = utf8("\"}");

        private final byte[] head;
        private final byte[] tail;

        /** @param producer who puts the items; an item's id is {@code <producer>-<sequence number>} */
        Writer(String producer) {
            byte[] idPrefix = Json.write(producer + "-");
            this.head = concat(utf8("{\"id\":"), Arrays.copyOf(idPrefix, idPrefix.length - 1)); // the id's string stays open
            this.tail = concat(utf8(",\"producer\":"), Json.write(producer), utf8(",\"sentAt\":\""));
        }

        /**
         * @param sequence the id's sequence number, in decimal digits
         * @param item the item, already a tree ({@link Json#toTree}), not a JSON null
         * @param sentAt when it was put, an ISO-8601 instant (ASCII)
         * @return the record value, UTF-8 JSON
         */
        byte[] write(String sequence, JsonNode item, String sentAt) {
            return concat(head, utf8(sequence), ITEM, item(item), tail, utf8(sentAt), END);
        }

        private static byte[] item(JsonNode item) {
            if (item instanceof IntNode || item instanceof LongNode) {
                return utf8(Long.toString(item.longValue()));
            }
            ByteArrayBuilder bytes = new ByteArrayBuilder(Json.mapper().getFactory()._getBufferRecycler(), 64);
            try (JsonGenerator out = Json.mapper().createGenerator(bytes)) {
                if (item instanceof TextNode || item instanceof BooleanNode) {
                    ((BaseJsonNode) item).serialize(out, null); // these write themselves, with no serializer provider
                } else {
                    Json.mapper().writeTree(out, item);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("An item cannot be written as JSON: " + e.getMessage(), e);
            }
            byte[] value = bytes.toByteArray();
            bytes.release();
            return value;
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] concat(byte[]... parts) {
            int length = 0;
            for (byte[] part : parts) {
                length += part.length;
            }
            byte[] all = new byte[length];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        }
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

    /**
     * A message's {@code sentAt}: the ISO-8601 instant of the millisecond it was put, formatted once per millisecond
     * (a busy producer puts hundreds of items in one).
     */
    static final class Clock {
        private volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

        /** @return now, to the millisecond, as an ISO-8601 instant ({@code 2026-11-26T15:20:01.123Z}) */
        String now() {
            long millis = System.currentTimeMillis();
            Stamp stamp = last;
            if (stamp.millis() != millis) {
                stamp = new Stamp(millis, Instant.ofEpochMilli(millis).toString());
                last = stamp;
            }
            return stamp.text();
        }

        private record Stamp(long millis, String text) {
        }
    }
}
