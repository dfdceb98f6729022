package io.kpool.core.internal.delivery;

import io.kpool.core.KpoolException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;

/**
 * How a {@link RecordSource}'s poll loop ends, the same for every consumer kind: normally, or woken by
 * {@link RecordSource#stop} (no failure); woken while it should still run, or failed on anything else (a failure,
 * the second one logged: the member stops and leaves its group). The source then settles and closes its consumer.
 */
final class PollLoop {
    private PollLoop() {
    }

    /**
     * Runs a source's poll loop on the calling thread.
     *
     * @param member how the log and the failure name the member: {@code "Consumer c1"}, {@code "Share consumer c1"}
     * @param log the source's logger
     * @param running whether the source should still run (false once asked to stop)
     * @param loop the poll loop
     * @return why the loop stopped on its own, or null if it returned or was stopped when asked
     */
    static RuntimeException run(String member, Logger log, BooleanSupplier running, Runnable loop) {
        try {
            loop.run();
            return null;
        } catch (WakeupException e) {
            return running.getAsBoolean() ? new KpoolException(member + " was woken up unexpectedly", e) : null;
        } catch (RuntimeException e) {
            log.error("{} failed; it stops and leaves the group", member, e);
            return new KpoolException(member + " failed: " + e.getMessage(), e);
        }
    }
}
