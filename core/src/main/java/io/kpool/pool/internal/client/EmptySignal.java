package io.kpool.pool.internal.client;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wakes the threads waiting for a collection to become empty: its owner signals each time it empties it. */
final class EmptySignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition empty = lock.newCondition();

    /** Called after the collection became empty; a waiter checks emptiness holding the lock, so it cannot miss this. */
    void signal() {
        lock.lock();
        try {
            empty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param isEmpty whether the collection is empty now
     * @param timeout the longest to wait
     * @return true once it is empty, false if {@code timeout} passed first
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean await(BooleanSupplier isEmpty, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!isEmpty.getAsBoolean()) {
                if (left <= 0) {
                    return false;
                }
                left = empty.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
