package io.kpool.core.internal.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ShareGroupSource} paces itself.
 *
 * @param maxHeld the most records it holds (waiting or running) before it stops acquiring more; also the most one
 *     poll acquires. The queue holds 1, so a consumer is never handed a poison pill while it still has items of
 *     earlier polls waiting; a pool worker holds as many as it has threads
 * @param recordLock the share group's record lock: records still held are renewed every half of it
 */
public record ShareLimits(int maxHeld, Duration recordLock) {

    /** Checks the values. */
    public ShareLimits {
        Objects.requireNonNull(recordLock, "recordLock");
        if (maxHeld < 1 || recordLock.toMillis() < 2) {
            throw new IllegalArgumentException("maxHeld must be at least 1 and recordLock at least 2 ms, got " + maxHeld + ", "
                    + recordLock);
        }
    }

    long renewIntervalNanos() {
        return recordLock.toNanos() / 2;
    }
}
