package io.kpool.core.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a silence of a {@link ConsumerGroupSource}'s poll thread (the process was stopped, a long pause), asks the
 * group through the {@link OffsetCommitter} whether the member still owns its partitions — a member the group has
 * replaced (a zombie) cannot commit — at most once a second until it says so.
 */
final class MembershipConfirmation {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupSource.class); // the member's lines, as before
    private static final Duration CONFIRM_INTERVAL = Duration.ofSeconds(1);

    private final OffsetCommitter committer;
    private final String clientId;
    private final Clock clock;
    private Instant nextConfirm = Instant.MIN;

    MembershipConfirmation(OffsetCommitter committer, String clientId, Clock clock) {
        this.committer = committer;
        this.clientId = clientId;
        this.clock = clock;
    }

    /**
     * @param ledgers the partitions the member holds
     * @return true if the group has just confirmed that the member still owns them; false if it did not, or if it
     *     was asked less than a second ago
     */
    boolean confirm(Map<TopicPartition, PartitionLedger> ledgers) {
        if (clock.instant().isBefore(nextConfirm)) {
            return false;
        }
        nextConfirm = clock.instant().plus(CONFIRM_INTERVAL);
        try {
            committer.confirmOwnership(ledgers);
        } catch (KafkaException e) {
            LOG.warn("{}: the group did not confirm it still owns partitions {} ({}); it hands out nothing until it does",
                    clientId, GroupRebalanceListener.names(ledgers.keySet()), e.toString());
            return false;
        }
        LOG.info("{}: the group confirmed it still owns partitions {}; it hands out again", clientId,
                GroupRebalanceListener.names(ledgers.keySet()));
        return true;
    }
}
