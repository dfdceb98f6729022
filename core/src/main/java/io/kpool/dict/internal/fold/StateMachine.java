package io.kpool.dict.internal.fold;

import io.kpool.core.RecordText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kpool.dict.internal.Replica;
import io.kpool.dict.internal.fold.Outcome.Status;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The deterministic fold of a shared dict's log: the same records in the same order give every
 * client the same values, versions and locks. Total: every record, whatever its bytes, has an
 * outcome, and one that is no valid operation changes nothing. Time is the fold's clock: the greatest
 * record timestamp folded so far, starting at 0 (so it never runs backwards, and a record without a
 * timestamp, -1, leaves it where it is). Not thread-safe: {@link Replica} guards it.
 */
public final class StateMachine {
    private final Map<String, EntryState> entries = new HashMap<>();
    private final LockTable locks = new LockTable();
    private final WriterTable writers = new WriterTable();
    private long clockMs;

    /**
     * Folds one record of the log, whatever it holds.
     *
     * @param record the record's value, null if it has none
     * @param offset its offset
     * @param timestampMs its timestamp (log-append time), -1 if it has none
     * @return the operation it holds (null if none) and what folding it did; {@link Status#INVALID} changed nothing
     */
    public Folded fold(byte[] record, long offset, long timestampMs) {
        Operation op;
        try {
            op = OperationCodec.decode(record);
        } catch (InvalidRecordException e) {
            tick(timestampMs);
            return new Folded(null, Outcome.invalid(offset, e.getMessage()));
        }
        return new Folded(op, apply(op, offset, timestampMs));
    }

    /**
     * @param op the operation
     * @param offset its offset
     * @param timestampMs its timestamp (log-append time), -1 if it has none
     * @return what it did
     */
    public Outcome apply(Operation op, long offset, long timestampMs) {
        long nowMs = tick(timestampMs);
        if (op.writer() != null && !writers.firstTime(op.writer(), op.seq(), nowMs)) {
            return Outcome.refused(Status.DUPLICATE, offset, "already applied");
        }
        if (op.fence() != null) {
            Optional<String> problem = locks.fenceProblem(op.fence(), nowMs);
            if (problem.isPresent()) {
                return Outcome.refused(Status.FENCED, offset, "write to key '" + op.key() + "' rejected: " + problem.get());
            }
        }
        return switch (op.op()) {
            case PUT -> set(op.key(), op.value(), offset);
            case PUT_IF_ABSENT -> entries.containsKey(op.key())
                    ? Outcome.of(Status.UNCHANGED, offset, entries.get(op.key()))
                    : set(op.key(), op.value(), offset);
            case REMOVE -> remove(op.key(), offset);
            case INCREMENT -> increment(op.key(), op.delta(), offset);
            case COMPARE_AND_SET -> compareAndSet(op, offset);
            case LOCK_ACQUIRE -> locks.acquire(op.lock(), op.owner(), op.leaseMs(), offset, nowMs);
            case LOCK_RENEW -> locks.renew(op.lock(), op.token(), op.leaseMs(), offset, nowMs);
            case LOCK_RELEASE -> locks.release(op.lock(), op.token(), offset);
        };
    }

    /** @return the entries, read-only; the caller holds the replica's lock */
    public Map<String, EntryState> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** @return the offset of the lock's last release, or -1 */
    public long releasedAt(String lock) {
        return locks.releasedAt(lock);
    }

    /** @return the fold's clock after a record with this timestamp */
    private long tick(long timestampMs) {
        clockMs = Math.max(clockMs, timestampMs);
        return clockMs;
    }

    private Outcome set(String key, JsonNode value, long offset) {
        EntryState entry = new EntryState(value, offset);
        entries.put(key, entry);
        return Outcome.of(Status.APPLIED, offset, entry);
    }

    private Outcome remove(String key, long offset) {
        EntryState removed = entries.remove(key);
        return removed == null
                ? Outcome.of(Status.UNCHANGED, offset, null)
                : new Outcome(Status.APPLIED, offset, removed.value(), -1, -1, 0, null);
    }

    private Outcome increment(String key, long delta, long offset) {
        EntryState entry = entries.get(key);
        long current = 0;
        if (entry != null) {
            if (!entry.value().isIntegralNumber() || !entry.value().canConvertToLong()) { // 1.0 is no integer
                return Outcome.refused(Status.REJECTED, offset, "cannot increment key '" + key
                        + "': its value " + abbreviate(entry.value()) + " is not an integer between -2^63 and 2^63-1");
            }
            current = entry.value().asLong();
        }
        long next;
        try {
            next = Math.addExact(current, delta);
        } catch (ArithmeticException e) {
            return Outcome.refused(Status.REJECTED, offset, "cannot increment key '" + key + "' by " + delta
                    + ": " + current + " + " + delta + " overflows a 64-bit integer");
        }
        // the node its JSON text parses to, so a replica built from a snapshot would hold equal nodes
        JsonNode value = next == (int) next ? JsonNodeFactory.instance.numberNode((int) next) : JsonNodeFactory.instance.numberNode(next);
        return set(key, value, offset);
    }

    private Outcome compareAndSet(Operation op, long offset) {
        EntryState entry = entries.get(op.key());
        long current = entry == null ? -1 : entry.version();
        if (current != op.version()) {
            return new Outcome(Status.CONFLICT, offset, entry == null ? null : entry.value(), current, -1, 0,
                    "key '%s' has version %d, not %d".formatted(op.key(), current, op.version()));
        }
        return op.value() == null ? remove(op.key(), offset) : set(op.key(), op.value(), offset);
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return RecordText.forLog(text.length() <= 60 ? text : text.substring(0, 60) + "…");
    }
}
