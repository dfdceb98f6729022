package io.kpool.core.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once commits: every {@value #INTERVAL_MILLIS} ms, each partition's contiguous done prefix with
 * {@code commitAsync} (a commit that fails is sent again, even if the partition makes no further
 * progress); synchronously, bounded, before partitions are handed back or the consumer closes.
 */
public final class AsyncPrefixCommitter implements OffsetCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncPrefixCommitter.class);
    private static final long INTERVAL_MILLIS = 50;
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<?, ?> consumer;
    private final Clock clock;
    private final CommitFailureLog failureLog;
    private Instant nextCommit = Instant.MIN;

    /**
     * @param consumer the consumer whose group the offsets are committed for (used on its poll thread only)
     * @param clientId names the member in log lines
     * @param clock paces the commits
     */
    public AsyncPrefixCommitter(Consumer<?, ?> consumer, String clientId, Clock clock) {
        this.consumer = consumer;
        this.clock = clock;
        this.failureLog = CommitFailureLog.ofOffsetCommits(LOG, clientId, clock);
    }

    @Override
    public void commitDone(Map<TopicPartition, PartitionLedger> ledgers) {
        Instant now = clock.instant();
        if (now.isBefore(nextCommit)) {
            return;
        }
        nextCommit = now.plusMillis(INTERVAL_MILLIS);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        ledgers.forEach((partition, ledger) -> ledger.advance().ifPresent(offset -> {
            offsets.put(partition, offset);
            ledger.committed(offset.offset());
        }));
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, e) -> {
                if (e == null) { // runs on the poll thread, like every ledger access
                    failureLog.succeeded();
                } else {
                    failureLog.failed(e);
                    offsets.forEach((partition, offset) -> {
                        PartitionLedger ledger = ledgers.get(partition);
                        if (ledger != null) {
                            ledger.commitFailed(offset.offset());
                        }
                    });
                }
            });
        }
    }

    @Override
    public void commitBeforeRelease(Map<TopicPartition, PartitionLedger> ledgers, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionLedger ledger = ledgers.get(partition);
            if (ledger != null) {
                ledger.committable().ifPresent(offset -> offsets.put(partition, offset));
            }
        }
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets, SYNC_TIMEOUT);
            offsets.forEach((partition, offset) -> ledgers.get(partition).committed(offset.offset()));
        }
    }

    @Override
    public void confirmOwnership(Map<TopicPartition, PartitionLedger> ledgers) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        ledgers.forEach((partition, ledger) -> ledger.position().ifPresent(offset -> offsets.put(partition, offset)));
        if (!offsets.isEmpty()) { // nothing fetched, nothing buffered: nothing to protect
            consumer.commitSync(offsets, SYNC_TIMEOUT);
            offsets.forEach((partition, offset) -> ledgers.get(partition).committed(offset.offset()));
        }
    }
}
