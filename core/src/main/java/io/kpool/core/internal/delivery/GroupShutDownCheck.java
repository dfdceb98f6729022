package io.kpool.core.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a {@link ConsumerGroupSource} whose partitions end at poison pills has nothing more to do: every partition
 * it owns is poisoned or, owning none (more members than partitions), the group has finished every partition of the
 * topic ({@link GroupPoison}, asked at most once a second).
 */
final class GroupShutDownCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupSource.class); // the member's lines, as before
    private static final Duration IDLE_CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<byte[], byte[]> consumer;
    private final StreamOptions options;
    private final Clock clock;
    private Instant nextIdleCheck = Instant.MIN;

    GroupShutDownCheck(Consumer<byte[], byte[]> consumer, StreamOptions options, Clock clock) {
        this.consumer = consumer;
        this.options = options;
        this.clock = clock;
    }

    /**
     * @param ledgers the partitions the member owns
     * @param shutDown what the last check found
     * @return whether the member is shut down; what the last check found while the group cannot be asked (or
     *     partitions do not end at pills)
     */
    boolean shutDown(Map<TopicPartition, PartitionLedger> ledgers, boolean shutDown) {
        if (!options.pillsEndPartitions()) {
            return shutDown;
        }
        if (!ledgers.isEmpty()) {
            return ledgers.values().stream().allMatch(PartitionLedger::isPoisoned);
        }
        if (clock.instant().isBefore(nextIdleCheck)) {
            return shutDown;
        }
        nextIdleCheck = clock.instant().plus(IDLE_CHECK_INTERVAL);
        try {
            return GroupPoison.wholeTopicPoisoned(consumer, options.topic(), CLIENT_TIMEOUT);
        } catch (KafkaException e) {
            LOG.warn("{}: cannot learn yet whether the group finished '{}' ({}); asking again in {}", options.clientId(),
                    options.topic(), e.toString(), IDLE_CHECK_INTERVAL);
            return shutDown;
        }
    }
}
