package io.kpool.it;

import static io.kpool.it.HostileRecords.utf8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Generates task records as a foreign client might write them, each with what the README says a worker
 * does with it: answer with the right SUCCESS, answer with a FAILURE, or dead-letter it.
 */
final class HostileTasks {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long FUTURE_MILLIS = 4_102_444_800_000L; // 2100-01-01

    /** What the worker must do with a record. */
    enum Expect { SUCCESS, FAILURE, DEAD_LETTER }

    /**
     * @param tasks the record's task ids, each with its expected result (SUCCESS) or null; empty if it has no readable id
     */
    record Generated(ProducerRecord<byte[], byte[]> record, Expect expect, String kind, Map<String, JsonNode> tasks) {
    }

    private final HostileRecords random;
    private final String tasksTopic;
    private final String callbackTopic;
    private final int partitions;

    HostileTasks(HostileRecords random, String tasksTopic, String callbackTopic, int partitions) {
        this.random = random;
        this.tasksTopic = tasksTopic;
        this.callbackTopic = callbackTopic;
        this.partitions = partitions;
    }

    Generated next(int n) {
        if (n % 300 == 150) {
            return oversized(n);
        }
        int kind = random.nextInt(20);
        if (kind < 8) {
            return good(n);
        }
        if (kind < 10) {
            return failing(n);
        }
        if (kind < 14) {
            return mutatedField(n);
        }
        if (kind < 17) {
            return mutatedHeader(n);
        }
        return garbage(n);
    }

    /** A task that runs: square, a square batch, echo of any JSON, or a task batch; with every optional field varied. */
    private Generated good(int n) {
        String id = "raw-" + n;
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        ObjectNode task;
        switch (random.nextInt(4)) {
            case 0 -> {
                long k = random.nextInt(2_000_000_000) - 1_000_000_000L;
                task = task(id, "square").set("args", NODES.arrayNode().add(k));
                expected.put(id, NODES.numberNode(k * k));
            }
            case 1 -> {
                ArrayNode batch = NODES.arrayNode();
                ArrayNode squares = NODES.arrayNode();
                for (int i = random.nextInt(4) + 1; i > 0; i--) {
                    int k = random.nextInt(100_000);
                    batch.add(NODES.arrayNode().add(k));
                    squares.add((long) k * k);
                }
                task = task(id, "square").set("batch", batch);
                if (random.chance(0.5)) {
                    task.putNull("args");
                }
                expected.put(id, squares);
            }
            case 2 -> {
                JsonNode value = random.json(3);
                value = value.isNull() ? NODES.textNode("null is not echoed here") : value;
                task = task(id, "echo").set("args", NODES.arrayNode().add(value));
                expected.put(id, value);
            }
            default -> {
                RecordHeaders headers = replyHeaders("task-batch");
                ArrayNode tasks = NODES.arrayNode();
                for (int i = random.nextInt(5) + 1; i > 0; i--) {
                    String taskId = id + "." + i;
                    tasks.add(task(taskId, "square").set("args", NODES.arrayNode().add(i)));
                    expected.put(taskId, NODES.numberNode((long) i * i));
                }
                ObjectNode value = NODES.objectNode().put("id", id + "+" + tasks.size()).put("submittedAt", "2026-11-30T10:00:00Z");
                value.set("tasks", tasks);
                return new Generated(new ProducerRecord<>(tasksTopic, null, utf8(id), utf8(value), headers), Expect.SUCCESS, "task-batch", expected);
            }
        }
        varyOptionalFields(task);
        RecordHeaders headers = random.chance(0.2) ? new RecordHeaders() : replyHeaders(random.chance(0.3) ? null : "task");
        return new Generated(new ProducerRecord<>(tasksTopic, null, utf8(id), utf8(task), headers), Expect.SUCCESS, "good", expected);
    }

    private void varyOptionalFields(ObjectNode task) {
        if (random.chance(0.3)) {
            task.set("kwargs", random.chance(0.5) ? NODES.objectNode() : NODES.nullNode());
        }
        if (random.chance(0.3)) {
            task.set("expiresAt", random.pick(List.<JsonNode>of(NODES.nullNode(), NODES.textNode("2100-01-01T00:00:00Z"),
                    NODES.textNode("2100-01-01T00:00:00"), NODES.textNode("2100-01-01T01:00:00+01:00"), NODES.numberNode(FUTURE_MILLIS))));
        }
        if (random.chance(0.3)) {
            task.set("timeLimitMs", random.chance(0.5) ? NODES.nullNode() : NODES.numberNode(120_000));
        }
        if (random.chance(0.2)) {
            task.set("unknown-" + random.text(1), random.json(2));
        }
    }

    /** A valid record whose task cannot succeed: unknown task, wrong arguments, expired, the fail task. */
    private Generated failing(int n) {
        String id = "raw-" + n;
        ObjectNode task;
        String kind;
        switch (random.nextInt(5)) {
            case 0 -> {
                kind = "unknown-task";
                task = task(id, "no-such-task-" + random.text(2)).set("args", NODES.arrayNode().add(1));
            }
            case 1 -> {
                kind = "square-without-argument";
                task = task(id, "square");
                if (random.chance(0.5)) {
                    task.set("args", NODES.arrayNode());
                }
            }
            case 2 -> {
                kind = "square-of-text";
                task = task(id, "square").set("args", NODES.arrayNode().add(random.text(3) + "x"));
            }
            case 3 -> {
                kind = "expired";
                task = task(id, "square").set("args", NODES.arrayNode().add(3));
                task.set("expiresAt", random.chance(0.5) ? NODES.textNode("2001-01-01T00:00:00Z") : NODES.numberNode(1_000));
            }
            default -> {
                kind = "fail-task";
                task = task(id, "fail").set("args", NODES.arrayNode().add("boom " + random.text(3)));
            }
        }
        Map<String, JsonNode> ids = new HashMap<>();
        ids.put(id, null);
        return new Generated(new ProducerRecord<>(tasksTopic, null, utf8(id), utf8(task), replyHeaders("task")), Expect.FAILURE, kind, ids);
    }

    /** A valid square task with one field removed or of a type it may not have. */
    private Generated mutatedField(int n) {
        String id = "raw-" + n;
        ObjectNode task = task(id, "square").set("args", NODES.arrayNode().add(4));
        String field = random.pick(List.of("id", "task", "args", "kwargs", "batch", "expiresAt", "timeLimitMs"));
        List<JsonNode> invalid = switch (field) {
            case "id", "task" -> List.of(NODES.nullNode(), NODES.numberNode(7), NODES.booleanNode(true), NODES.textNode(""),
                    NODES.textNode("  "), NODES.arrayNode().add("a"), NODES.objectNode().put("a", "b"));
            case "args" -> List.of(NODES.numberNode(4), NODES.textNode("4"), NODES.booleanNode(true), NODES.objectNode().put("n", 4));
            case "kwargs" -> List.of(NODES.numberNode(4), NODES.textNode("{}"), NODES.booleanNode(false), NODES.arrayNode().add(1));
            case "batch" -> List.of(NODES.numberNode(4), NODES.textNode("[[4]]"), NODES.objectNode(), NODES.arrayNode().add(4),
                    NODES.arrayNode().add(NODES.arrayNode().add(4)).add("x"));
            case "expiresAt" -> List.of(NODES.booleanNode(true), NODES.numberNode(1.5), NODES.textNode("tomorrow"), NODES.textNode(""),
                    NODES.arrayNode().add(1), NODES.objectNode(), NODES.numberNode(new java.math.BigInteger("99999999999999999999")));
            default -> List.of(NODES.numberNode(0), NODES.numberNode(-5), NODES.textNode("100"), NODES.numberNode(1.5),
                    NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode());
        };
        boolean required = field.equals("id") || field.equals("task");
        if (required && random.chance(0.15)) {
            task.remove(field);
        } else {
            task.set(field, random.pick(invalid));
        }
        Map<String, JsonNode> ids = new HashMap<>();
        if (!field.equals("id")) {
            ids.put(id, null);
        }
        return new Generated(new ProducerRecord<>(tasksTopic, null, utf8(id), utf8(task), replyHeaders("task")), Expect.DEAD_LETTER,
                "field-" + field, ids);
    }

    /** A valid square task with one header of a value that makes it no task or its result undeliverable. */
    private Generated mutatedHeader(int n) {
        String id = "raw-" + n;
        ObjectNode task = task(id, "square").set("args", NODES.arrayNode().add(5));
        RecordHeaders headers = new RecordHeaders();
        String kind;
        byte[] binary = {(byte) 0xff, 0, (byte) 0xfe, '\n'};
        switch (random.nextInt(3)) {
            case 0 -> {
                kind = "header-kpool-type";
                headers = replyHeaders(null);
                headers.add("kpool-type", random.pick(List.of(utf8("tassk"), utf8(""), utf8("TASK"), utf8("poison-pill"), utf8("task-batch"),
                        utf8("task "), binary)));
            }
            case 1 -> {
                kind = "header-reply-topic";
                headers.add("kpool-type", utf8("task"));
                headers.add("kpool-reply-topic", random.pick(List.of(utf8(""), utf8("no such topic"), utf8("hostile-missing-" + n), binary,
                        utf8("a".repeat(250)), utf8(".."), utf8(callbackTopic + "\n"))));
                headers.add("kpool-reply-partition", utf8("0"));
            }
            default -> {
                kind = "header-reply-partition";
                headers.add("kpool-type", utf8("task"));
                headers.add("kpool-reply-topic", utf8(callbackTopic));
                headers.add("kpool-reply-partition", random.pick(List.of(utf8("-1"), utf8("9999"), utf8(Integer.toString(partitions)), utf8("x"),
                        utf8(""), utf8("1.5"), utf8("99999999999"), binary)));
            }
        }
        Map<String, JsonNode> ids = new HashMap<>();
        ids.put(id, null);
        return new Generated(new ProducerRecord<>(tasksTopic, null, utf8(id), utf8(task), headers), Expect.DEAD_LETTER, kind, ids);
    }

    /** Random bytes, random JSON, empty or absent values, truncated tasks. */
    private Generated garbage(int n) {
        byte[] key = random.chance(0.5) ? utf8("raw-" + n) : random.bytes(random.nextInt(10));
        byte[] value;
        String kind;
        switch (random.nextInt(4)) {
            case 0 -> {
                kind = "random-bytes";
                value = random.bytes(random.nextInt(300));
            }
            case 1 -> {
                kind = "random-json";
                value = utf8(random.json(4)); // its objects never have an "id"
            }
            case 2 -> {
                kind = "no-or-empty-value";
                value = random.chance(0.5) ? null : new byte[0];
            }
            default -> {
                kind = "truncated-task";
                byte[] whole = utf8(task("raw-" + n, "square").set("args", NODES.arrayNode().add(6)));
                value = Arrays.copyOf(whole, random.nextInt(whole.length - 1));
            }
        }
        return new Generated(new ProducerRecord<>(tasksTopic, null, key, value, replyHeaders("task")), Expect.DEAD_LETTER, kind, Map.of());
    }

    /** About 900 KB: random bytes, or an echo task without an id. */
    private Generated oversized(int n) {
        byte[] value = random.chance(0.5) ? random.bytes(900_000)
                : utf8(NODES.objectNode().put("task", "echo").set("args", NODES.arrayNode().add("骨".repeat(300_000))));
        return new Generated(new ProducerRecord<>(tasksTopic, null, utf8("raw-" + n), value, replyHeaders("task")), Expect.DEAD_LETTER,
                "oversized", Map.of());
    }

    private ObjectNode task(String id, String name) {
        ObjectNode task = NODES.objectNode().put("id", id).put("task", name);
        if (random.chance(0.5)) {
            task.put("submittedAt", "2026-11-30T10:00:00.000Z");
        }
        return task;
    }

    /** Headers that route the result to the callback topic, a partition chosen at random, with client and correlation ids of any bytes. */
    private RecordHeaders replyHeaders(String type) {
        RecordHeaders headers = new RecordHeaders();
        if (type != null) {
            headers.add("kpool-type", utf8(type));
        }
        headers.add("kpool-reply-topic", utf8(callbackTopic));
        int partition = random.nextInt(partitions);
        headers.add("kpool-reply-partition", utf8(random.chance(0.2) ? " " + partition + " " : Integer.toString(partition)));
        if (random.chance(0.3)) {
            headers.add("kpool-client-id", random.chance(0.5) ? utf8("foreign-" + random.text(2)) : random.bytes(8));
            headers.add("kpool-correlation-id", random.bytes(random.nextInt(16)));
        }
        return headers;
    }
}
