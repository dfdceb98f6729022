package io.kpool.queue.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.internal.kafka.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads, without a JSON parser, the one shape kpool's producers write: {@code {"id":"…","item":…,"producer":"…",
 * "sentAt":"…"}} in that order, no spaces, the strings printable ASCII with nothing escaped, the item an integer of
 * at most 18 digits or such a string. Whatever else a record holds, however valid, is no match: the caller reads it
 * with the JSON parser. For a match the fields are exactly the nodes the parser would build (QueueMessageTest); the
 * parser's own cost (a parser and its buffers per record) was most of a consumer's time per item.
 */
final class ProducerShape {
    private static final byte[] ID = ascii("{\"id\":\"");
    private static final byte[] ITEM = ascii("\",\"item\":");
    private static final byte[] PRODUCER = ascii(",\"producer\":\"");
    private static final byte[] SENT_AT = ascii("\",\"sentAt\":\"");
    private static final byte[] END = ascii("\"}");
    private static final int MAX_DIGITS = 18; // any 18 digits fit a long
    /** The producer of the last record read, by any consumer (a race only costs a new node). */
    private static volatile Producer lastProducer;

    private ProducerShape() {
    }

    /** @return the fields of a record value of the producers' shape, or null if it has any other */
    static QueueMessage.Fields read(byte[] value) {
        int idStart = expect(value, 0, ID);
        int idEnd = plainString(value, idStart);
        int itemStart = expect(value, idEnd, ITEM);
        if (itemStart < 0 || itemStart >= value.length) {
            return null;
        }
        JsonNode item;
        int itemEnd;
        if (value[itemStart] == '"') {
            int textEnd = plainString(value, itemStart + 1);
            if (textEnd < 0) {
                return null;
            }
            item = Json.nodes().textNode(text(value, itemStart + 1, textEnd));
            itemEnd = textEnd + 1;
        } else {
            itemEnd = integerEnd(value, itemStart);
            if (itemEnd < 0) {
                return null;
            }
            long number = integer(value, itemStart, itemEnd);
            item = number == (int) number ? Json.nodes().numberNode((int) number) : Json.nodes().numberNode(number);
        }
        int producerStart = expect(value, itemEnd, PRODUCER);
        int producerEnd = plainString(value, producerStart);
        int sentAtStart = expect(value, producerEnd, SENT_AT);
        int sentAtEnd = plainString(value, sentAtStart);
        if (sentAtEnd < 0 || expect(value, sentAtEnd, END) != value.length) {
            return null;
        }
        return new QueueMessage.Fields(Json.nodes().textNode(text(value, idStart, idEnd)), item,
                producer(value, producerStart, producerEnd));
    }

    /** @return the producer's name: the node of the last record's if it is the same (one producer puts many items) */
    private static JsonNode producer(byte[] value, int from, int to) {
        Producer last = lastProducer;
        if (last != null && Arrays.equals(last.bytes(), 0, last.bytes().length, value, from, to)) {
            return last.node();
        }
        Producer producer = new Producer(Arrays.copyOfRange(value, from, to), Json.nodes().textNode(text(value, from, to)));
        lastProducer = producer;
        return producer.node();
    }

    /** @return the integer of at most 18 digits, checked by {@link #integerEnd}, at value[from..to) */
    private static long integer(byte[] value, int from, int to) {
        boolean negative = value[from] == '-';
        long number = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            number = number * 10 + (value[i] - '0');
        }
        return negative ? -number : number;
    }

    private record Producer(byte[] bytes, JsonNode node) {
    }

    /** @return the index after {@code expected} if the value holds it at {@code at}, else -1 */
    private static int expect(byte[] value, int at, byte[] expected) {
        if (at < 0 || value.length - at < expected.length) {
            return -1;
        }
        for (int i = 0; i < expected.length; i++) {
            if (value[at + i] != expected[i]) {
                return -1;
            }
        }
        return at + expected.length;
    }

    /** @return the index of the quote that closes a string of printable ASCII, nothing escaped, starting at {@code at}; else -1 */
    private static int plainString(byte[] value, int at) {
        if (at < 0) {
            return -1;
        }
        int limit = (int) Math.min(value.length, (long) at + Json.MAX_STRING_LENGTH + 1);
        for (int i = at; i < limit; i++) {
            byte b = value[i];
            if (b == '"') {
                return i;
            }
            if (b < 0x20 || b > 0x7e || b == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /** @return the index after an integer as JSON writes it ({@code 0}, {@code -12}; no leading zero), at most 18 digits; else -1 */
    private static int integerEnd(byte[] value, int at) {
        int i = at < value.length && value[at] == '-' ? at + 1 : at;
        int digits = i;
        while (i < value.length && value[i] >= '0' && value[i] <= '9') {
            i++;
        }
        int count = i - digits;
        if (count == 0 || count > MAX_DIGITS || (value[digits] == '0' && count > 1)) {
            return -1;
        }
        return i;
    }

    private static String text(byte[] value, int from, int to) {
        return new String(value, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
