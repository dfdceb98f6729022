package io.kpool.core.internal.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link TransactionalCommitter} begins a transaction: as soon as something is committable and
 * {@code interval} has passed since the last one began, or at once when {@code maxRecords} records are staged.
 *
 * @param interval the least time from one transaction's start to the next's (unless {@code maxRecords} are waiting)
 * @param maxRecords staged records that start a transaction before the interval is up
 */
public record TransactionPacing(Duration interval, int maxRecords) {

    /** Validates both. */
    public TransactionPacing {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must be zero or more, got " + interval);
        }
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, got " + maxRecords);
        }
    }
}
