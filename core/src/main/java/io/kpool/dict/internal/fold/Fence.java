package io.kpool.dict.internal.fold;

/**
 * What makes a write fenced: it is applied only while the named lock's current grant is this token
 * and its lease has not expired at the write's log-append time.
 *
 * @param lock the lock's name
 * @param token the fencing token of the grant the writer holds (the offset of the granting record)
 */
public record Fence(String lock, long token) {

    /** Rejects a fence that names no lock. */
    public Fence {
        DictNames.checkKey(lock, "lock name");
        if (token < 0) {
            throw new IllegalArgumentException("fence token must be an offset (0 or more), got " + token);
        }
    }
}
