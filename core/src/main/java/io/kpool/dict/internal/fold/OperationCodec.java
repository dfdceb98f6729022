package io.kpool.dict.internal.fold;

import io.kpool.core.RecordText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpool.core.internal.kafka.Json;

/**
 * A dict record's value and its {@link Operation}, as the README's wire format says: one JSON object
 * read by {@link StrictJsonReader}, whose fields an operation uses have exactly their documented JSON
 * types (no coercion: {@code "5"} is no integer, {@code 5} is no string, {@code 1.0} is no integer,
 * {@code null} is no value). Fields an operation does not use are not read.
 */
public final class OperationCodec {
    private OperationCodec() {
    }

    /**
     * @param record a record's value, null for a record without one
     * @return the operation it holds
     * @throws InvalidRecordException saying which rule of the wire format the record breaks
     */
    static Operation decode(byte[] record) throws InvalidRecordException {
        if (record == null) {
            throw new InvalidRecordException("the record has no value");
        }
        JsonNode root = StrictJsonReader.read(record, WireLimits.MAX_RECORD_DEPTH, "the record");
        if (!root.isObject()) {
            throw new InvalidRecordException("the record is " + OperationFields.describe(root) + ", not a JSON object");
        }
        OperationFields fields = new OperationFields((ObjectNode) root);
        String opName = fields.string("op");
        OperationType type = OperationType.fromWireName(opName).orElseThrow(() -> new InvalidRecordException(
                "unknown \"op\" " + RecordText.quote(opName) + "; known: " + OperationType.wireNames()));
        try {
            return type.changesValues() ? keyOperation(type, fields) : lockOperation(type, fields);
        } catch (IllegalArgumentException e) { // the ranges Operation's constructor checks
            throw new InvalidRecordException(e.getMessage());
        }
    }

    /**
     * Reads a value the way the fold reads it inside a record (so a value this accepts is one every
     * client accepts).
     *
     * @param json UTF-8 JSON of a value
     * @return the value
     * @throws IllegalArgumentException saying which rule of the wire format it breaks
     */
    public static JsonNode readValue(byte[] json) {
        try {
            return StrictJsonReader.read(json, WireLimits.MAX_VALUE_DEPTH, "the value");
        } catch (InvalidRecordException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * @param op an operation
     * @return its record value: flat JSON, fields in a fixed order, absent ones left out
     */
    public static byte[] encode(Operation op) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode json = nodes.objectNode();
        json.put("op", op.op().wireName());
        putIfPresent(json, "key", op.key() == null ? null : nodes.textNode(op.key()));
        putIfPresent(json, "value", op.value());
        putIfPresent(json, "delta", op.delta() == null ? null : nodes.numberNode(op.delta()));
        putIfPresent(json, "version", op.version() == null ? null : nodes.numberNode(op.version()));
        putIfPresent(json, "lock", op.lock() == null ? null : nodes.textNode(op.lock()));
        putIfPresent(json, "owner", op.owner() == null ? null : nodes.textNode(op.owner()));
        putIfPresent(json, "token", op.token() == null ? null : nodes.numberNode(op.token()));
        putIfPresent(json, "leaseMs", op.leaseMs() == null ? null : nodes.numberNode(op.leaseMs()));
        if (op.fence() != null) {
            json.putObject("fence").put("lock", op.fence().lock()).put("token", op.fence().token());
        }
        putIfPresent(json, "writer", op.writer() == null ? null : nodes.textNode(op.writer()));
        putIfPresent(json, "seq", op.seq() == null ? null : nodes.numberNode(op.seq()));
        return Json.write(json);
    }

    private static Operation keyOperation(OperationType type, OperationFields fields) throws InvalidRecordException {
        String key = fields.string("key");
        JsonNode value = switch (type) {
            case PUT, PUT_IF_ABSENT -> fields.value("value");
            case COMPARE_AND_SET -> fields.has("value") ? fields.value("value") : null;
            default -> null;
        };
        Long delta = type == OperationType.INCREMENT ? fields.integer("delta") : null;
        Long version = type == OperationType.COMPARE_AND_SET ? fields.integer("version") : null;
        Fence fence = fields.has("fence") ? fields.fence("fence") : null;
        return new Operation(type, key, value, delta, version, null, null, null, null, fence,
                fields.optionalString("writer"), fields.optionalInteger("seq"));
    }

    private static Operation lockOperation(OperationType type, OperationFields fields) throws InvalidRecordException {
        String lock = fields.string("lock");
        String owner = type == OperationType.LOCK_ACQUIRE ? fields.string("owner") : null;
        Long token = type == OperationType.LOCK_ACQUIRE ? null : fields.integer("token");
        Long leaseMs = type == OperationType.LOCK_RELEASE ? null : fields.integer("leaseMs");
        return new Operation(type, null, null, null, null, lock, owner, token, leaseMs, null,
                fields.optionalString("writer"), fields.optionalInteger("seq"));
    }

    private static void putIfPresent(ObjectNode json, String field, JsonNode value) {
        if (value != null) {
            json.set(field, value);
        }
    }
}
