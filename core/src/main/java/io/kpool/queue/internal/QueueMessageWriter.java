package io.kpool.queue.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BaseJsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kpool.core.internal.kafka.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes one producer's messages: the bytes around the id's sequence number and the item that are the same in every
 * message (the id's prefix and the producer, escaped by Jackson once) are made once.
 */
final class QueueMessageWriter {
    private static final byte[] ITEM = utf8("\",\"item\":");
    private static final byte[] END = utf8("\"}");

    private final byte[] head;
    private final byte[] tail;

    /** @param producer who puts the items; an item's id is {@code <producer>-<sequence number>} */
    QueueMessageWriter(String producer) {
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
