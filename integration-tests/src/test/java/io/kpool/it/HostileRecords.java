package io.kpool.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A seeded source of what a foreign client might write: random bytes, JSON of any shape, text in many
 * scripts with control characters, and the other-typed values a field can be mutated to.
 */
final class HostileRecords {
    /** How a forged log line starts: a consumer that does not exist, at a fixed time. */
    static final String FORGED_LINE_START = "2026-11-30 12:34:56.789 INFO  mallory ate ";
    /** Text pieces for items: several scripts, emoji, and control characters that break no line. */
    private static final List<String> PIECES = List.of("包子", "泔水", "骨头", "Grüße", "ßüöä", "хлеб", "خبز", "🍞🦴", "ñ",
            " ", "\t", "\u0000", "\u0001", "\u001b[31mred\u001b[0m", "\u007f", "\u0085", "\u2028", "\u2029", "\u200b", "\ufeff",
            "\\n", "\"quoted\"", "{\"id\":\"fake\"}", "%s %n {}", "bread");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;

    HostileRecords(long seed) {
        this.random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** @return up to {@code pieces} pieces of multilingual text, control characters included, never a line break */
    String text(int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(pieces + 1); i > 0; i--) {
            text.append(pick(PIECES));
        }
        return text.toString();
    }

    /** @return a line break followed by a log line that looks like the consumer's own */
    static String forgedLine(String tag) {
        return "\n" + FORGED_LINE_START + tag;
    }

    /** @return a JSON value of any type, nested at most {@code depth} levels, whose objects have no field {@code id} */
    JsonNode json(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4, 5 -> NODES.textNode(text(4));
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(json(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set("k" + text(1) + i, json(depth - 1));
                }
                yield object;
            }
        };
    }

    /** @return a value of each JSON type: what a field is mutated to (the caller skips its own type) */
    static List<JsonNode> everyType() {
        return List.of(NODES.nullNode(), NODES.numberNode(7), NODES.numberNode(1.5), NODES.booleanNode(true), NODES.textNode(""),
                NODES.textNode("text"), NODES.arrayNode().add(1).add("a"), NODES.objectNode().put("a", 1));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static JsonNode read(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
