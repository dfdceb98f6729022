package io.kpool.dict.internal;

import io.kpool.dict.FencedException;
import io.kpool.dict.SharedDictException;
import io.kpool.dict.SharedLock;
import io.kpool.dict.internal.fold.DictNames;
import io.kpool.dict.internal.fold.Fence;
import io.kpool.dict.internal.fold.Operation;
import io.kpool.dict.internal.fold.Outcome;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SharedLock} over a dict's log: lock-acquire records until one is granted, waiting between
 * attempts for the holder's release (seen by the fold) or its lease to run out; lock-renew records
 * every third of the lease while held.
 */
final class KafkaSharedLock implements SharedLock {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSharedLock.class);
    private static final AtomicLong HANDLES = new AtomicLong();
    private static final long EXPIRY_MARGIN_MS = 10;

    private record Hold(long token, ScheduledFuture<?> renewal) {
    }

    private final DictClient client;
    private final String name;
    private final Duration lease;
    private final String owner;
    private final AtomicReference<Hold> hold = new AtomicReference<>();
    private final Object acquiring = new Object();
    private volatile String lostReason;

    KafkaSharedLock(DictClient client, String name, Duration lease, String clientId) {
        if (lease == null || lease.toMillis() < 100) {
            throw new IllegalArgumentException("A lock's lease must be at least 100 ms, got " + lease);
        }
        this.client = client;
        this.name = DictNames.checkKey(name, "lock name");
        this.lease = lease;
        this.owner = clientId + "#" + HANDLES.incrementAndGet();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration lease() {
        return lease;
    }

    @Override
    public void lock() {
        acquire(null);
    }

    @Override
    public boolean tryLock(Duration timeout) {
        return acquire(Objects.requireNonNull(timeout, "timeout"));
    }

    /** @param timeout how long to wait, or null for as long as it takes */
    private boolean acquire(Duration timeout) {
        long asked = client.meters.lockAsked();
        String result = "failure";
        try {
            boolean acquired = acquire(timeout, System.nanoTime());
            result = acquired ? "acquired" : "timeout";
            return acquired;
        } finally {
            client.meters.lockWait(name, asked, result);
        }
    }

    private boolean acquire(Duration timeout, long start) {
        synchronized (acquiring) {
            if (hold.get() != null) {
                throw new IllegalStateException("Lock '" + name + "' is already held by this handle; a SharedLock is not reentrant");
            }
            while (true) {
                Outcome outcome = client.call(Operation.acquire(name, owner, lease.toMillis()));
                if (outcome.status() == Outcome.Status.GRANTED) {
                    granted(outcome.token());
                    return true;
                }
                long waitMs = outcome.remainingMs() + EXPIRY_MARGIN_MS;
                if (timeout != null) {
                    waitMs = Math.min(waitMs, timeout.minusNanos(System.nanoTime() - start).toMillis());
                    if (waitMs <= 0) {
                        return false;
                    }
                }
                awaitRelease(outcome.offset(), waitMs);
            }
        }
    }

    @Override
    public void unlock() {
        client.meters.record(DictOperation.UNLOCK, () -> {
            release();
            return null;
        });
    }

    private void release() {
        Hold current = hold.getAndSet(null);
        if (current == null) {
            String reason = lostReason;
            if (reason != null) {
                lostReason = null;
                throw new FencedException("Lock '" + name + "' was lost before unlock: " + reason);
            }
            throw new IllegalStateException("Lock '" + name + "' is not held by this handle");
        }
        stopRenewing(current);
        Outcome outcome = client.call(Operation.release(name, current.token));
        if (outcome.status() != Outcome.Status.RELEASED) {
            throw new FencedException("Lock '" + name + "' was lost before unlock: " + outcome.message());
        }
    }

    @Override
    public boolean isHeld() {
        return hold.get() != null;
    }

    @Override
    public long token() {
        Hold current = hold.get();
        if (current == null) {
            throw new IllegalStateException("Lock '" + name + "' is not held by this handle"
                    + (lostReason == null ? "" : ": " + lostReason));
        }
        return current.token;
    }

    /** @return the fence for a write under this lock */
    Fence fence() {
        Hold current = hold.get();
        if (current == null && lostReason != null) {
            throw new FencedException("Write under lock '" + name + "' refused: the lock was lost: " + lostReason);
        }
        return new Fence(name, token());
    }

    boolean belongsTo(DictClient dictClient) {
        return client == dictClient;
    }

    /**
     * On close of the dict: gives the lock back rather than make others wait out the lease. Does not
     * wait: the dict's close waits for every pending operation, this release among them.
     */
    void releaseOnClose() {
        Hold current = hold.getAndSet(null);
        if (current != null) {
            stopRenewing(current);
            client.append(Operation.release(name, current.token)).whenComplete((outcome, failure) -> {
                if (failure != null) {
                    LOG.warn("Shared dict '{}': could not release lock '{}' on close ({}); it frees when its lease ends",
                            client.name, name, failure.toString());
                }
            });
        }
    }

    private void granted(long token) {
        lostReason = null;
        Duration period = lease.dividedBy(3);
        AtomicReference<Hold> self = new AtomicReference<>();
        Hold granted = new Hold(token, client.every(period, () -> renew(self.get())));
        self.set(granted);
        hold.set(granted);
        client.held(this, true);
    }

    private void renew(Hold renewing) {
        if (renewing == null || hold.get() != renewing) {
            return;
        }
        client.append(Operation.renew(name, renewing.token, lease.toMillis())).whenComplete((outcome, failure) -> {
            if (failure != null) {
                LOG.warn("Shared dict '{}': renewing lock '{}' failed: {}", client.name, name, failure.toString());
            } else if (outcome.status() == Outcome.Status.LOST && hold.compareAndSet(renewing, null)) {
                lostReason = outcome.message();
                stopRenewing(renewing);
                LOG.warn("Shared dict '{}': lost lock '{}': {}", client.name, name, outcome.message());
            }
        });
    }

    private void stopRenewing(Hold released) {
        released.renewal.cancel(false);
        client.held(this, false);
    }

    private void awaitRelease(long afterOffset, long waitMs) {
        try {
            client.replica.awaitRelease(name, afterOffset, Duration.ofMillis(waitMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SharedDictException("Interrupted while waiting for lock '" + name + "'", e);
        }
    }
}
