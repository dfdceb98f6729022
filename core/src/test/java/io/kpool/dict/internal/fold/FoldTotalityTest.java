package io.kpool.dict.internal.fold;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpool.dict.internal.fold.Outcome.Status;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fold is total: thousands of generated records — random bytes, random JSON, valid operations with
 * one read field of a wrong type or missing, records past a limit, mangled text — interleaved with valid
 * operations. Which records are valid is decided here, from the README's rules, not by the decoder; the
 * valid ones must give exactly the state the README's table gives, the invalid ones must change nothing,
 * and no record may make the fold throw.
 */
class FoldTotalityTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] KEYS = {"a", "b", " ", "😀", "count"};
    private static final String[] LOCKS = {"L", "M"};
    private static final String[] KNOWN_FIELDS = {"op", "key", "value", "delta", "version", "lock", "owner", "token", "leaseMs", "fence"};
    private static final Set<String> INTEGER_FIELDS = Set.of("delta", "version", "token", "leaseMs", "seq");
    private static final int RECORDS = 4_000;

    private final StateMachine machine = new StateMachine();
    /** The entries the README's table gives for the valid records so far. */
    private final Map<String, EntryState> expected = new HashMap<>();
    private final Set<String> foldedWriterSeqs = new HashSet<>();
    private final Map<String, Integer> kinds = new HashMap<>();
    private Random random;
    private long offset;
    private long nextSeq;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void generatedRecordsNeverMakeTheFoldThrowInvalidOnesChangeNothingAndValidOnesFollowTheTable(long seed) {
        random = new Random(seed);
        for (int i = 0; i < RECORDS; i++) {
            offset++;
            long timestampMs = 1_000_000 + offset * 7;
            if (random.nextInt(3) == 0) {
                ObjectNode op = validOperation();
                Status status = expect(op);
                Folded folded = machine.fold(bytes(op), offset, timestampMs);
                assertThat(folded.outcome().status()).as("valid record %s: %s", op, folded.outcome().message()).isNotEqualTo(Status.INVALID);
                if (status != null) {
                    assertThat(folded.outcome().status()).as("record %s: %s", op, folded.outcome().message()).isEqualTo(status);
                }
            } else {
                byte[] record = invalidRecord();
                Map<String, EntryState> before = Map.copyOf(machine.entries());
                Folded folded = machine.fold(record, offset, timestampMs);
                String shown = record == null ? "null" : new String(record, StandardCharsets.UTF_8);
                assertThat(folded.outcome().status()).as("invalid record %s", shown).isEqualTo(Status.INVALID);
                assertThat(folded.operation()).isNull();
                assertThat(folded.outcome().message()).isNotBlank();
                assertThat(machine.entries()).as("after invalid record %s", shown).isEqualTo(before);
            }
            assertThat(machine.entries()).isEqualTo(expected);
        }
        assertThat(kinds).as("every kind of record was generated often").allSatisfy((kind, count) -> assertThat(count).as(kind).isGreaterThan(80));
        assertThat(kinds).hasSize(9);
        assertThat(expected).as("the valid records built up some state").isNotEmpty();
    }

    // ---- valid operations, and what the README's table says they do ----

    private ObjectNode validOperation() {
        ObjectNode op = NODES.objectNode();
        String key = pick(KEYS);
        switch (random.nextInt(8)) {
            case 0 -> op.put("op", "put").put("key", key).set("value", randomValue());
            case 1 -> op.put("op", "put-if-absent").put("key", key).set("value", randomValue());
            case 2 -> op.put("op", "remove").put("key", key);
            case 3 -> op.put("op", "increment").put("key", key).put("delta", random.nextInt(10) == 0
                    ? (random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE) : random.nextInt(7) - 3);
            case 4 -> {
                EntryState current = expected.get(key);
                long version = current != null && random.nextBoolean() ? current.version() : random.nextInt(3) - 1;
                op.put("op", "compare-and-set").put("key", key).put("version", version);
                if (random.nextInt(3) > 0) {
                    op.set("value", randomValue());
                }
            }
            case 5 -> op.put("op", "lock-acquire").put("lock", pick(LOCKS)).put("owner", "o" + random.nextInt(3)).put("leaseMs", 1 + random.nextInt(50));
            case 6 -> op.put("op", "lock-renew").put("lock", pick(LOCKS)).put("token", (long) random.nextInt((int) offset + 1))
                    .put("leaseMs", 1 + random.nextInt(50));
            default -> op.put("op", "lock-release").put("lock", pick(LOCKS)).put("token", (long) random.nextInt((int) offset + 1));
        }
        boolean keyOperation = op.has("key");
        if (keyOperation && random.nextInt(8) == 0) { // a lock nobody ever takes: always fenced
            op.putObject("fence").put("lock", "Z").put("token", random.nextInt(100)).put("unread", "x");
        }
        if (random.nextBoolean()) {
            long seq = nextSeq > 0 && random.nextInt(5) == 0 ? random.nextLong(nextSeq) : nextSeq++; // sometimes a resend
            op.put("writer", "w" + random.nextInt(2)).put("seq", seq);
        }
        if (random.nextInt(3) == 0) { // fields the operation does not read hold anything
            for (String field : KNOWN_FIELDS) {
                if (!op.has(field) && !read(op, field) && random.nextInt(3) == 0) {
                    op.set(field, randomJson(2));
                }
            }
            op.set("x-" + random.nextInt(5), randomJson(3));
        }
        return op;
    }

    /** @return the status the table gives (null for lock operations, whose grants are not modelled here); updates the expected entries */
    private Status expect(ObjectNode op) {
        if (op.has("writer") && !foldedWriterSeqs.add(op.get("writer").textValue() + "#" + op.get("seq").longValue())) {
            return Status.DUPLICATE;
        }
        String type = op.get("op").textValue();
        if (type.startsWith("lock-")) {
            return null;
        }
        if (op.has("fence")) {
            return Status.FENCED;
        }
        String key = op.get("key").textValue();
        EntryState current = expected.get(key);
        switch (type) {
            case "put" -> {
                expected.put(key, new EntryState(op.get("value"), offset));
                return Status.APPLIED;
            }
            case "put-if-absent" -> {
                if (current != null) {
                    return Status.UNCHANGED;
                }
                expected.put(key, new EntryState(op.get("value"), offset));
                return Status.APPLIED;
            }
            case "remove" -> {
                return expected.remove(key) == null ? Status.UNCHANGED : Status.APPLIED;
            }
            case "increment" -> {
                return increment(key, current, op.get("delta").longValue());
            }
            default -> {
                if (op.get("version").longValue() != (current == null ? -1 : current.version())) {
                    return Status.CONFLICT;
                }
                if (!op.has("value")) {
                    return expected.remove(key) == null ? Status.UNCHANGED : Status.APPLIED;
                }
                expected.put(key, new EntryState(op.get("value"), offset));
                return Status.APPLIED;
            }
        }
    }

    private Status increment(String key, EntryState current, long delta) {
        // only values generated as JSON integers within the 64-bit range are integers; 2.0 is not
        boolean integer = current == null || current.value() instanceof IntNode || current.value() instanceof LongNode;
        if (!integer) {
            return Status.REJECTED;
        }
        long value = current == null ? 0 : current.value().longValue();
        long sum = value + delta;
        if (((value ^ sum) & (delta ^ sum)) < 0) {
            return Status.REJECTED; // overflow
        }
        expected.put(key, new EntryState(sum == (int) sum ? IntNode.valueOf((int) sum) : LongNode.valueOf(sum), offset));
        return Status.APPLIED;
    }

    // ---- invalid records, invalid by construction ----

    private byte[] invalidRecord() {
        return switch (random.nextInt(9)) {
            case 0 -> count("random bytes", randomBytes());
            case 1 -> count("JSON that is no object", bytes(random.nextBoolean() ? randomScalar() : randomArray(3)));
            case 2 -> count("object without a valid op", bytes(withoutValidOp()));
            case 3 -> count("a read field of a wrong type", bytes(wrongType()));
            case 4 -> count("a required field missing", bytes(missingField()));
            case 5 -> count("past a limit", pastALimit());
            case 6 -> count("truncated", truncated());
            case 7 -> count("not UTF-8", notUtf8());
            default -> count("no value", null);
        };
    }

    private byte[] count(String kind, byte[] record) {
        kinds.merge(kind, 1, Integer::sum);
        return record;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(40)];
        random.nextBytes(bytes);
        return bytes;
    }

    private ObjectNode withoutValidOp() {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
            object.set(pick(new String[] {"key", "value", "delta", "lock", "x"}), randomJson(2));
        }
        switch (random.nextInt(3)) {
            case 0 -> { } // no "op"
            case 1 -> object.set("op", nonString());
            default -> object.put("op", pick(new String[] {"PUT", "", "put ", "multiply", "lock", "Remove", "incr"}));
        }
        return object;
    }

    private ObjectNode wrongType() {
        ObjectNode op = validOperation();
        List<String> fields = readFields(op);
        String field = fields.get(random.nextInt(fields.size()));
        op.set(field, wrongValue(field));
        return op;
    }

    private ObjectNode missingField() {
        ObjectNode op = validOperation();
        List<String> required = new ArrayList<>(readFields(op));
        required.remove("fence");
        if (op.get("op").textValue().equals("compare-and-set")) {
            required.remove("value");
        }
        op.remove(required.get(random.nextInt(required.size())));
        return op;
    }

    private byte[] pastALimit() {
        String valid = validOperation().toString();
        String rest = valid.substring(1);
        return (switch (random.nextInt(7)) {
            case 0 -> "{\"deep\":" + "[".repeat(WireLimits.MAX_RECORD_DEPTH) + "]".repeat(WireLimits.MAX_RECORD_DEPTH) + "," + rest;
            case 1 -> "{\"op\":\"remove\",\"key\":\"" + (random.nextBoolean() ? "k" : "😀").repeat(WireLimits.MAX_NAME_LENGTH + 1) + "\"}";
            case 2 -> "{\"n\":" + "7".repeat(WireLimits.MAX_NUMBER_LENGTH + 1) + "," + rest;
            case 3 -> "{\"n\":-1e400," + rest;
            case 4 -> "{\"s\":\"x\\ud800y\"," + rest;
            case 5 -> "{\"op\":\"put\"," + rest; // "op" twice
            default -> "{\"op\":\"put\",\"key\":\"" + pick(KEYS) + "\",\"value\":{\"v\":" + "[".repeat(WireLimits.MAX_VALUE_DEPTH)
                    + "]".repeat(WireLimits.MAX_VALUE_DEPTH) + "}}";
        }).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] truncated() {
        byte[] valid = bytes(validOperation());
        byte[] prefix = new byte[1 + random.nextInt(valid.length - 1)];
        System.arraycopy(valid, 0, prefix, 0, prefix.length);
        return random.nextBoolean() ? prefix : (new String(valid, StandardCharsets.UTF_8) + pick(new String[] {"x", "{}", "1", ",", "]"}))
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] notUtf8() {
        byte[] valid = bytes(validOperation());
        valid[random.nextInt(valid.length)] = (byte) (0xF8 + random.nextInt(8)); // never a byte of UTF-8
        return valid;
    }

    /** @return a value for {@code field} that the README's rules make invalid in {@code op} */
    private JsonNode wrongValue(String field) {
        if (field.equals("value")) {
            return NODES.nullNode();
        }
        if (field.equals("op")) {
            return random.nextBoolean() ? nonString() : NODES.textNode(pick(new String[] {"PUT", "", "put ", "multiply"}));
        }
        if (field.equals("fence")) {
            return random.nextBoolean() ? nonObject() : pickNode(fence(5, 1), fence("L", "1"), fence("", 1), fence("L", -1),
                    fence("L", 1.5), NODES.objectNode().put("lock", "L"), NODES.objectNode().put("token", 1));
        }
        if (INTEGER_FIELDS.contains(field)) {
            List<JsonNode> wrong = new ArrayList<>(List.of(NODES.textNode("5"), NODES.numberNode(1.5), NODES.numberNode(2.0),
                    NODES.numberNode(1e2), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(), NODES.nullNode(),
                    NODES.numberNode(BigInteger.ONE.shiftLeft(63)), NODES.numberNode(BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE))));
            switch (field) {
                case "version" -> wrong.addAll(List.of(NODES.numberNode(-2), NODES.numberNode(Long.MIN_VALUE)));
                case "leaseMs" -> wrong.addAll(List.of(NODES.numberNode(0), NODES.numberNode(-5)));
                case "token", "seq" -> wrong.add(NODES.numberNode(-1));
                default -> { }
            }
            return wrong.get(random.nextInt(wrong.size()));
        }
        // key, lock (names), owner, writer (non-empty strings)
        List<JsonNode> wrong = new ArrayList<>(List.of(nonString(), NODES.textNode("")));
        if (field.equals("key") || field.equals("lock")) {
            wrong.addAll(List.of(NODES.textNode("a\u0000b"), NODES.textNode("tab\t"), NODES.textNode("\u007f"), NODES.textNode("x\u0085")));
        }
        return wrong.get(random.nextInt(wrong.size()));
    }

    /** @return the fields the README's row for this operation lists, plus writer, seq and fence where present */
    private static List<String> readFields(ObjectNode op) {
        List<String> fields = new ArrayList<>(List.of("op"));
        for (String field : new String[] {"key", "value", "delta", "version", "lock", "owner", "token", "leaseMs", "fence", "writer", "seq"}) {
            if (op.has(field) && read(op, field)) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static boolean read(ObjectNode op, String field) {
        String type = op.get("op").textValue();
        boolean keyOperation = !type.startsWith("lock-");
        return switch (field) {
            case "op", "writer", "seq" -> true;
            case "key", "fence" -> keyOperation;
            case "value" -> Set.of("put", "put-if-absent", "compare-and-set").contains(type);
            case "delta" -> type.equals("increment");
            case "version" -> type.equals("compare-and-set");
            case "lock" -> !keyOperation;
            case "owner" -> type.equals("lock-acquire");
            case "token" -> type.equals("lock-renew") || type.equals("lock-release");
            case "leaseMs" -> type.equals("lock-acquire") || type.equals("lock-renew");
            default -> false;
        };
    }

    // ---- random JSON ----

    private JsonNode randomValue() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> NODES.numberNode(random.nextInt(200) - 100);
            case 3 -> NODES.numberNode(random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(3) : Long.MIN_VALUE + random.nextInt(3));
            case 4 -> NODES.numberNode(random.nextBoolean() ? 2.0 : 0.5);
            case 5 -> NODES.numberNode(BigInteger.TEN.pow(25));
            default -> {
                JsonNode value = randomJson(3);
                yield value.isNull() ? NODES.textNode("not null") : value;
            }
        };
    }

    private JsonNode randomJson(int depth) {
        int choice = random.nextInt(depth > 0 ? 8 : 6);
        return choice == 6 ? randomArray(depth) : choice == 7 ? randomObject(depth) : randomScalar();
    }

    private JsonNode randomScalar() {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode(random.nextDouble() * 1e6);
            default -> NODES.textNode(randomText());
        };
    }

    private ArrayNode randomArray(int depth) {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
            array.add(randomJson(depth - 1));
        }
        return array;
    }

    private ObjectNode randomObject(int depth) {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
            object.set(randomText(), randomJson(depth - 1));
        }
        return object;
    }

    private String randomText() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            int[] starts = {0x20, 0x00, 0xe9, 0x4e00, 0x1f600, 0x2028};
            int codePoint = starts[random.nextInt(starts.length)] + random.nextInt(0x30);
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private JsonNode nonString() {
        return pickNode(NODES.nullNode(), NODES.booleanNode(true), NODES.booleanNode(false), NODES.numberNode(0), NODES.numberNode(-1),
                NODES.numberNode(1.5), NODES.arrayNode(), NODES.objectNode(), NODES.arrayNode().add("a"), NODES.objectNode().put("a", 1));
    }

    private JsonNode nonObject() {
        return pickNode(NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(3), NODES.textNode("L:3"), NODES.arrayNode().add("L").add(3));
    }

    private static ObjectNode fence(Object lock, Object token) {
        ObjectNode fence = NODES.objectNode();
        fence.set("lock", lock instanceof String text ? NODES.textNode(text) : NODES.numberNode((Integer) lock));
        fence.set("token", token instanceof String text ? NODES.textNode(text)
                : token instanceof Double decimal ? NODES.numberNode(decimal) : NODES.numberNode((Integer) token));
        return fence;
    }

    private JsonNode pickNode(JsonNode... nodes) {
        return nodes[random.nextInt(nodes.length)];
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
