package io.kpool.core.internal.delivery;

import java.util.concurrent.BlockingQueue;

/**
 * Where a {@link RecordStream}'s records come from: the one thread that owns a Kafka consumer, fills the
 * stream's buffer with decoded records and settles the records the stream's takers have marked done
 * (commits or acknowledges them). A consumer-group member ({@link ConsumerGroupSource}) is the first kind;
 * another consumer kind (a share group) is another implementation behind the same stream.
 *
 * @param <T> the decoded value
 */
public interface RecordSource<T> extends Runnable {

    /** Asks the source to stop: it settles what is done, closes its consumer and returns from {@link #run()}. */
    void stop();

    /** @return true once nothing more will come: every owned partition is poisoned */
    boolean isShutDown();

    /**
     * @return false while buffered records must not be handed out because this member may no longer own
     *     them: its poll thread has not heard from the group for a while (the process was stopped, say), so
     *     its partitions may have gone to others; true again once it has polled and the group has confirmed
     *     that it still owns them (or it has given them up and been assigned partitions anew)
     */
    boolean mayHandOut();

    /**
     * Tells the source that a taker has settled a record (done, released or rejected), so that one which
     * acknowledges records one by one can do so at once instead of at its next turn. Called by any thread.
     */
    default void recordSettled() {
    }

    /**
     * Tells the source that a taker has taken a record from the buffer, so that one waiting for room in a full
     * buffer can fetch again at once. Called by any thread after each take: it must be cheap.
     */
    default void recordTaken() {
    }

    /** @return what its consumer last saw of its group and broker; {@link MemberStatus#STARTING} once stopped */
    MemberStatus status();

    /** @return why the source stopped on its own, or null while it runs (or stopped when asked) */
    RuntimeException failure();

    /**
     * Creates a source that feeds a given buffer.
     *
     * @param <T> the decoded value
     */
    @FunctionalInterface
    interface Factory<T> {
        /**
         * @param buffer the stream's buffer: the source adds fetched records, the stream's takers remove them
         * @return the source, not yet running
         */
        RecordSource<T> create(BlockingQueue<InFlight<T>> buffer);
    }
}
