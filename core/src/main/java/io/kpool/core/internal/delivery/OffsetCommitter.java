package io.kpool.core.internal.delivery;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How a {@link ConsumerGroupSource} commits the done prefix of its partitions (Python's {@code task_done}).
 * Called on the poll thread only. {@link AsyncPrefixCommitter} is the at-least-once strategy;
 * {@link TransactionalCommitter} commits the offsets in a producer's transaction with the records staged on
 * the done records (exactly once).
 */
public interface OffsetCommitter {

    /**
     * Commits whatever has become committable since the last call, without blocking the poll loop.
     * Called on every turn of the loop.
     *
     * @param ledgers the owned partitions' ledgers
     */
    void commitDone(Map<TopicPartition, PartitionLedger> ledgers);

    /**
     * Commits what is committable of these partitions before they are handed back or the consumer closes.
     * May block, for a bounded time.
     *
     * @param ledgers the owned partitions' ledgers
     * @param partitions the partitions about to be released
     * @throws org.apache.kafka.common.KafkaException if the commit failed
     */
    void commitBeforeRelease(Map<TopicPartition, PartitionLedger> ledgers, Collection<TopicPartition> partitions);

    /**
     * Proves that this member still owns its partitions, after its poll thread was away long enough for the
     * group to have given them to others (a stopped process): a commit of what is already done, which the
     * group refuses from a member it has replaced. May block, for a bounded time.
     *
     * @param ledgers the partitions' ledgers, as this member believes it owns them
     * @throws org.apache.kafka.common.KafkaException if the group did not confirm it
     */
    void confirmOwnership(Map<TopicPartition, PartitionLedger> ledgers);

    /**
     * How long the poll thread may block in {@code poll} before its next turn (and {@link #commitDone} call).
     *
     * @param ledgers the owned partitions' ledgers
     * @param idle the poll timeout the source uses when nothing needs it sooner
     * @return the poll timeout, at most {@code idle}
     */
    default Duration pollTimeout(Map<TopicPartition, PartitionLedger> ledgers, Duration idle) {
        return idle;
    }

    /**
     * @return true if this committer writes the records staged on done records ({@link InFlight#stage}) with their
     *     offsets, so that dead letters must be staged too, not sent
     */
    default boolean writesStagedRecords() {
        return false;
    }
}
