package io.kpool.core.internal.delivery;

import java.util.concurrent.locks.StampedLock;

/**
 * Whether records of one assigned partition may still be handed out. The poll thread closes it, for good,
 * before the partition leaves (revoked or lost); closing waits for hand-overs under way, so once it
 * returns no record of the partition can start: the records handed out before are exactly those in
 * progress. Without it, takers could overtake the poll thread as it marks the buffered records one by one
 * and start later records of a leaving partition, which then ran again on its next owner.
 */
final class PartitionGate {
    /** Not reentrant, and unlike a ReentrantReadWriteLock no per-thread hold count: a hand-over is one record's CAS. */
    private final StampedLock lock = new StampedLock();
    private boolean open = true;

    /**
     * @param entry a buffered record of this partition
     * @return true if it was handed out (BUFFERED → DELIVERED) while the gate was open
     */
    boolean handOver(InFlight<?> entry) {
        long stamp = lock.readLock();
        try {
            return open && entry.transition(InFlight.State.BUFFERED, InFlight.State.DELIVERED);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Closes the gate once every hand-over under way has finished. */
    void close() {
        long stamp = lock.writeLock();
        try {
            open = false;
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
