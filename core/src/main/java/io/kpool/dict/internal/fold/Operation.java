package io.kpool.dict.internal.fold;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record of a shared dict's log: an operation, as flat JSON, e.g.
 * {@code {"op":"increment","key":"count","delta":-1,"writer":"w-1a2b","seq":7}}. Every client folds
 * the log through {@link StateMachine} in offset order and gets the same state; {@link OperationCodec}
 * reads and writes the JSON, and this constructor checks what each type needs.
 *
 * @param op what to do
 * @param key the key (operations on keys)
 * @param value the new value (put, put-if-absent; compare-and-set, where absent means remove)
 * @param delta what to add (increment)
 * @param version the version the key must still have (compare-and-set; -1 means absent)
 * @param lock the lock (lock operations)
 * @param owner who asks for the lock (lock-acquire), informational
 * @param token the grant's fencing token (lock-renew, lock-release; 0 or more)
 * @param leaseMs how long the grant lasts from this record's log-append time (lock-acquire, lock-renew)
 * @param fence optional on operations on keys: apply only while this lock grant is current
 * @param writer optional: the writing client, which waits for its outcome; with {@code seq} it removes resent duplicates
 * @param seq optional: the writer's sequence number of this operation
 */
public record Operation(OperationType op, String key, JsonNode value, Long delta, Long version, String lock, String owner,
                     Long token, Long leaseMs, Fence fence, String writer, Long seq) {

    /** Rejects an operation that is missing what its type needs; the message names the field. */
    public Operation {
        if (op == null) {
            throw new IllegalArgumentException("dict operation has no \"op\"");
        }
        if (op.changesValues()) {
            DictNames.checkKey(key, "key");
        } else {
            DictNames.checkKey(lock, "lock name");
            if (fence != null) {
                throw new IllegalArgumentException(op.wireName() + " cannot carry a \"fence\"");
            }
        }
        switch (op) {
            case PUT, PUT_IF_ABSENT -> require(isValue(value), "value", op);
            case INCREMENT -> require(delta != null, "delta", op);
            case COMPARE_AND_SET -> require(version != null && version >= -1, "version (-1 or more)", op);
            case LOCK_ACQUIRE -> require(owner != null && !owner.isEmpty() && leaseMs != null && leaseMs > 0,
                    "owner (non-empty) and leaseMs (> 0)", op);
            case LOCK_RENEW -> require(token != null && token >= 0 && leaseMs != null && leaseMs > 0, "token (0 or more) and leaseMs (> 0)", op);
            case LOCK_RELEASE -> require(token != null && token >= 0, "token (0 or more)", op);
            case REMOVE -> { }
            default -> throw new IllegalArgumentException("unhandled dict operation " + op);
        }
        if (op == OperationType.COMPARE_AND_SET && value != null && !isValue(value)) {
            throw new IllegalArgumentException("compare-and-set \"value\" must be a JSON value other than null (omit it to remove)");
        }
        if ((writer == null) != (seq == null) || (writer != null && writer.isEmpty()) || (seq != null && seq < 0)) {
            throw new IllegalArgumentException("\"writer\" (non-empty) and \"seq\" (0 or more) come together or not at all");
        }
    }

    /** @return a put */
    public static Operation put(String key, JsonNode value) {
        return new Operation(OperationType.PUT, key, value, null, null, null, null, null, null, null, null, null);
    }

    /** @return a put-if-absent */
    public static Operation putIfAbsent(String key, JsonNode value) {
        return new Operation(OperationType.PUT_IF_ABSENT, key, value, null, null, null, null, null, null, null, null, null);
    }

    /** @return a remove */
    public static Operation remove(String key) {
        return new Operation(OperationType.REMOVE, key, null, null, null, null, null, null, null, null, null, null);
    }

    /** @return an increment */
    public static Operation increment(String key, long delta) {
        return new Operation(OperationType.INCREMENT, key, null, delta, null, null, null, null, null, null, null, null);
    }

    /** @param value the new value, or null to remove @return a compare-and-set */
    public static Operation compareAndSet(String key, long expectedVersion, JsonNode value) {
        return new Operation(OperationType.COMPARE_AND_SET, key, value, null, expectedVersion, null, null, null, null, null, null, null);
    }

    /** @return a lock-acquire */
    public static Operation acquire(String lock, String owner, long leaseMs) {
        return new Operation(OperationType.LOCK_ACQUIRE, null, null, null, null, lock, owner, null, leaseMs, null, null, null);
    }

    /** @return a lock-renew */
    public static Operation renew(String lock, long token, long leaseMs) {
        return new Operation(OperationType.LOCK_RENEW, null, null, null, null, lock, null, token, leaseMs, null, null, null);
    }

    /** @return a lock-release */
    public static Operation release(String lock, long token) {
        return new Operation(OperationType.LOCK_RELEASE, null, null, null, null, lock, null, token, null, null, null, null);
    }

    /** @param newFence the lock grant the write depends on @return this operation, fenced */
    public Operation fencedBy(Fence newFence) {
        return new Operation(op, key, value, delta, version, lock, owner, token, leaseMs, newFence, writer, seq);
    }

    /** @return this operation as written by {@code newWriter} with sequence number {@code newSeq} */
    public Operation writtenBy(String newWriter, long newSeq) {
        return new Operation(op, key, value, delta, version, lock, owner, token, leaseMs, fence, newWriter, newSeq);
    }

    /** @return the key or lock name the operation is about (the record's Kafka key) */
    public String subject() {
        return op.changesValues() ? key : lock;
    }

    private static boolean isValue(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static void require(boolean present, String fields, OperationType op) {
        if (!present) {
            throw new IllegalArgumentException(op.wireName() + " needs " + fields);
        }
    }
}
