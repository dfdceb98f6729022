package io.kpool.dict.internal.fold;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What folding one operation did. Every client computes the same outcome for the same record; the
 * writer of the operation hands it to its caller.
 *
 * @param status what happened
 * @param offset the operation's offset in the log
 * @param value the key's value afterwards (or the value it had, for a remove and an unchanged put-if-absent); null if none
 * @param version the key's version afterwards (the offset of its last change), -1 if absent
 * @param token the lock grant's fencing token (granted, busy)
 * @param remainingMs how much longer the holder's lease runs, judged at this record's log-append time (busy)
 * @param message why, for invalid, rejected, fenced, busy and lost outcomes
 */
public record Outcome(Status status, long offset, JsonNode value, long version, long token, long remainingMs, String message) {

    /** What folding an operation did. */
    public enum Status {
        /** The operation changed the state. */
        APPLIED,
        /** Nothing to do: put-if-absent on a present key, remove of an absent key. */
        UNCHANGED,
        /** compare-and-set whose expected version was no longer current. */
        CONFLICT,
        /** The operation cannot apply to the current value (e.g. increment of a text). */
        REJECTED,
        /** A fenced write whose lock grant is no longer current. */
        FENCED,
        /** lock-acquire: the lock is the writer's; {@code token} is its fencing token. */
        GRANTED,
        /** lock-acquire: someone else holds the lock for {@code remainingMs} more. */
        BUSY,
        /** lock-release: the lock is free. */
        RELEASED,
        /** lock-renew or lock-release of a grant that is no longer current. */
        LOST,
        /** A resent operation that was already applied: ignored. */
        DUPLICATE,
        /** The record is no valid operation under the wire format: skipped, nothing changed. */
        INVALID
    }

    /**
     * @param offset the record's offset
     * @param reason which rule of the wire format the record breaks
     * @return the outcome of a record that is no valid operation
     */
    public static Outcome invalid(long offset, String reason) {
        return refused(Status.INVALID, offset, reason);
    }

    static Outcome of(Status status, long offset, EntryState entry) {
        return new Outcome(status, offset, entry == null ? null : entry.value(), entry == null ? -1 : entry.version(), -1, 0, null);
    }

    static Outcome refused(Status status, long offset, String message) {
        return new Outcome(status, offset, null, -1, -1, 0, message);
    }

    static Outcome lock(Status status, long offset, long token, long remainingMs, String message) {
        return new Outcome(status, offset, null, -1, token, remainingMs, message);
    }
}
