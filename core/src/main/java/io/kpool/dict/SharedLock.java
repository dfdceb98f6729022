package io.kpool.dict;

import java.time.Duration;

/**
 * Python's {@code Lock} across JVMs, for multi-step critical sections on a {@link SharedDict}:
 *
 * <pre>{@code
 * SharedLock lock = dict.lock("count-lock");
 * lock.lock();
 * try {
 *     long count = dict.get("count", Long.class).orElse(0L);   // the lock's grant follows every earlier holder's writes
 *     dict.fencedBy(lock).put("count", count - 1);             // rejected if the lease was lost meanwhile
 * } finally {
 *     lock.unlock();
 * }
 * }</pre>
 *
 * <p>A grant is a lease: the holder renews it in the background, and a holder that crashes or stalls
 * loses the lock once the lease runs out. Each grant has a <b>fencing token</b> (the offset of the
 * granting record, growing with every grant); writes through {@link SharedDict#fencedBy} carry it, and
 * the dict's log rejects those whose grant is no longer current. A handle is one holder and is not
 * reentrant. Thread-safe.
 */
public interface SharedLock {

    /** @return the lock's name */
    String name();

    /** @return how long a grant lasts unless renewed */
    Duration lease();

    /**
     * Waits as long as it takes for the lock.
     *
     * @throws IllegalStateException if this handle already holds it
     * @throws SharedDictException if interrupted (the interrupt flag stays set) or the dict fails
     */
    void lock();

    /**
     * @param timeout how long to wait at most
     * @return true if the lock is now held by this handle
     * @throws IllegalStateException if this handle already holds it
     */
    boolean tryLock(Duration timeout);

    /**
     * Gives the lock back.
     *
     * @throws IllegalStateException if this handle does not hold it
     * @throws FencedException if the lease had expired and the lock was taken by another holder meanwhile
     */
    void unlock();

    /** @return true while this handle holds the lock as far as it knows (its lease renewals succeed) */
    boolean isHeld();

    /**
     * @return the fencing token of the current grant
     * @throws IllegalStateException if this handle does not hold the lock
     */
    long token();
}
