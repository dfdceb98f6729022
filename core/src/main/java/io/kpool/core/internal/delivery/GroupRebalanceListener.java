package io.kpool.core.internal.delivery;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.KafkaClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rebalance side of a {@link ConsumerGroupSource}, called on its poll thread from inside {@code poll}: an assigned
 * partition gets a ledger (poisoned already if an earlier member committed past its pill); a revoked one is gated
 * (its buffered records are no longer handed out), waited for until its running records are done (bounded below
 * {@code max.poll.interval.ms}) and committed before it is handed back; a lost one is dropped uncommitted.
 */
final class GroupRebalanceListener implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupSource.class); // the member's lines, as before
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<byte[], byte[]> consumer;
    private final StreamOptions options;
    private final OffsetCommitter committer;
    private final Map<TopicPartition, PartitionLedger> ledgers;
    private final BlockingQueue<? extends InFlight<?>> buffer;
    private final Clock clock;
    private final BooleanSupplier pausedForBuffer;
    private final Runnable stillPolling;
    private boolean joined;

    /**
     * @param ledgers the member's ledgers, shared with its poll loop (both on the poll thread)
     * @param buffer the stream's buffer, from which revoked records are removed
     * @param pausedForBuffer whether the member has paused every partition for a full buffer (new ones are paused too)
     * @param stillPolling notes that the member, waiting in a revoke, is inside {@code poll}: still a member
     */
    GroupRebalanceListener(Consumer<byte[], byte[]> consumer, StreamOptions options, OffsetCommitter committer,
                           Map<TopicPartition, PartitionLedger> ledgers, BlockingQueue<? extends InFlight<?>> buffer, Clock clock,
                           BooleanSupplier pausedForBuffer, Runnable stillPolling) {
        this.consumer = consumer;
        this.options = options;
        this.committer = committer;
        this.ledgers = ledgers;
        this.buffer = buffer;
        this.clock = clock;
        this.pausedForBuffer = pausedForBuffer;
        this.stillPolling = stillPolling;
    }

    /** @return true once the member has been assigned partitions, false again after it lost them */
    boolean joined() {
        return joined;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        Set<TopicPartition> poisoned = poisonedByGroup(partitions);
        Set<TopicPartition> toPause = new HashSet<>(poisoned);
        for (TopicPartition partition : partitions) {
            PartitionLedger ledger = new PartitionLedger();
            if (poisoned.contains(partition)) {
                ledger.markPoisonedByGroup();
            }
            ledgers.put(partition, ledger);
        }
        if (pausedForBuffer.getAsBoolean()) {
            toPause.addAll(partitions);
        }
        consumer.pause(toPause);
        joined = true;
        LOG.info("{} was assigned partitions {}{}", options.clientId(), names(partitions),
                poisoned.isEmpty() ? "" : " (already poisoned by an earlier member: " + names(poisoned) + ")");
    }

    /** The revoke wait, bounded so that the member is not thrown out of the group for not polling meanwhile. */
    private Duration revokeWait() {
        long maxPollInterval = (Integer) KafkaClients.setting(options.connection(), ConsumerConfig.configDef(),
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        Duration bound = Duration.ofMillis(maxPollInterval * 4 / 5);
        return options.revokeWait().compareTo(bound) > 0 ? bound : options.revokeWait();
    }

    private Set<TopicPartition> poisonedByGroup(Collection<TopicPartition> partitions) {
        if (!options.pillsEndPartitions()) {
            return Set.of();
        }
        try {
            return GroupPoison.poisonedByGroup(consumer, partitions, CLIENT_TIMEOUT);
        } catch (KafkaException e) {
            LOG.warn("{}: cannot read the group's commits of partitions {} ({}); treating them as not poisoned", options.clientId(),
                    names(partitions), e.toString());
            return Set.of();
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        List<PartitionLedger> leaving = partitions.stream().map(ledgers::get).filter(ledger -> ledger != null).toList();
        leaving.forEach(PartitionLedger::revokeBuffered);
        Duration wait = revokeWait();
        Instant deadline = clock.instant().plus(wait);
        while (leaving.stream().anyMatch(PartitionLedger::hasDelivered) && clock.instant().isBefore(deadline)) {
            pauseBriefly();
            stillPolling.run(); // inside poll(): still a member, its other partitions' records may go out
        }
        long unfinished = leaving.stream().filter(PartitionLedger::hasDelivered).count();
        if (unfinished > 0) {
            LOG.warn("{}: {} partition(s) still had items in progress after {}; their next owner gets them again",
                    options.clientId(), unfinished, wait);
        }
        try {
            committer.commitBeforeRelease(ledgers, partitions);
        } catch (KafkaException e) {
            LOG.warn("{}: could not commit partitions {} before handing them back ({}); their next owner runs their done "
                    + "but uncommitted records again", options.clientId(), names(partitions), e.toString());
        } finally {
            dropPartitions(partitions);
        }
        if (!partitions.isEmpty()) {
            LOG.info("{} handed back partitions {}", options.clientId(), names(partitions));
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.stream().map(ledgers::get).filter(ledger -> ledger != null).forEach(PartitionLedger::revokeBuffered);
        dropPartitions(partitions);
        joined = false;
        LOG.warn("{} lost partitions {}; their uncommitted items go to the next owner", options.clientId(), names(partitions));
    }

    private void dropPartitions(Collection<TopicPartition> partitions) {
        partitions.forEach(ledgers::remove);
        buffer.removeIf(entry -> entry.state() == InFlight.State.REVOKED);
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while waiting for items in progress", e);
        }
    }

    /** @return the partitions' numbers, sorted, as the member's log lines show them: {@code [0,1,2]} */
    static String names(Collection<TopicPartition> partitions) {
        return partitions.stream().map(p -> Integer.toString(p.partition())).sorted().collect(Collectors.joining(",", "[", "]"));
    }
}
