package io.kpool.pool.internal.client;

import io.kpool.pool.TaskTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A pool client's task timeout: the deadline of each task it registers, and when its reply thread next
 * looks for overdue tasks (at most every 200 ms). Not thread-safe for {@link #checkDue}: the reply thread's.
 */
final class TaskDeadlines {
    private static final long CHECK_NANOS = Duration.ofMillis(200).toNanos();

    private final Duration timeout;
    private final LongSupplier nanoClock;
    private long nextCheck;
    private long checkedAt;

    /**
     * @param timeout how long a task may wait for its result; zero waits forever
     * @param nanoClock {@code System::nanoTime}, or a test's clock
     */
    TaskDeadlines(Duration timeout, LongSupplier nanoClock) {
        this.timeout = timeout;
        this.nanoClock = nanoClock;
        this.nextCheck = nanoClock.getAsLong();
    }

    /** @return the deadline of a task registered now on the nano clock (never 0), or 0 if tasks wait forever */
    long deadlineFromNow() {
        return timeout.isZero() ? 0 : (nanoClock.getAsLong() + timeout.toNanos()) | 1;
    }

    /** @return true if tasks can time out and 200 ms passed since the last check; {@link #checkedAt} is then now */
    boolean checkDue() {
        long now = nanoClock.getAsLong();
        if (timeout.isZero() || now - nextCheck < 0) {
            return false;
        }
        nextCheck = now + CHECK_NANOS;
        checkedAt = now;
        return true;
    }

    /** @return the nano clock's time at the last check that was due */
    long checkedAt() {
        return checkedAt;
    }

    /** @return the task timeout */
    Duration timeout() {
        return timeout;
    }

    /** @return the error a task gets when its deadline passed with no result */
    TaskTimeoutException timedOut(String task) {
        return new TaskTimeoutException("No result for " + task + " within the pool's task timeout of " + timeout);
    }
}
