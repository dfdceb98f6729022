package io.kpool.core.internal.delivery;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.MessageType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RecordSource} that is a consumer-group member: the one thread that owns the
 * {@link Consumer}. It fetches and decodes into the buffer that {@code get} takes from, pauses while the
 * buffer is full, has its {@link OffsetCommitter} commit each partition's done prefix, dead-letters
 * invalid records, and tracks poison pills. Other threads only touch the buffer and the records' atomic states.
 *
 * @param <T> the decoded value
 */
final class ConsumerGroupSource<T> implements RecordSource<T>, ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupSource.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration IDLE_CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A member whose poll thread has been away longer than this may have lost its partitions: no hand-outs
     * until it has polled and the group has confirmed it still owns them.
     */
    private static final long SILENCE_LIMIT_MILLIS = Duration.ofSeconds(5).toMillis();
    private static final Duration CONFIRM_INTERVAL = Duration.ofSeconds(1);

    private final Consumer<byte[], byte[]> consumer;
    private final StreamOptions options;
    private final RecordDecoder<T> decoder;
    private final DeadLetterPublisher deadLetters;
    private final OffsetCommitter committer;
    private final BlockingQueue<InFlight<T>> buffer;
    private final Clock clock;
    private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
    /** The records of one poll, decoded, that go to the buffer together: one hand-over wakes the takers once. */
    private final List<InFlight<T>> fetched = new ArrayList<>();
    private volatile boolean running = true;
    private volatile boolean shutDown;
    private volatile RuntimeException failure;
    private volatile long lastPollMillis;
    /** Set when the poll thread comes back from a silence: the member may have been replaced meanwhile (a zombie). */
    private volatile boolean unconfirmed;
    /** Set while the poll thread waits for the takers to make room in a full buffer: a taker wakes it. */
    private volatile boolean waitingForRoom;
    private volatile Thread pollThread;
    private boolean pausedForBuffer;
    private boolean joined;
    private ConnectionCount connections;
    private volatile MemberStatus status = MemberStatus.STARTING;
    private Instant nextIdleCheck = Instant.MIN;
    private Instant nextConfirm = Instant.MIN;

    ConsumerGroupSource(Consumer<byte[], byte[]> consumer, StreamOptions options, RecordDecoder<T> decoder,
                        DeadLetterPublisher deadLetters, OffsetCommitter committer, BlockingQueue<InFlight<T>> buffer, Clock clock) {
        this.consumer = consumer;
        this.options = options;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.committer = committer;
        this.buffer = buffer;
        this.clock = clock;
        this.lastPollMillis = clock.millis();
    }

    @Override
    public void run() {
        pollThread = Thread.currentThread();
        try {
            consumer.subscribe(List.of(options.topic()), this);
            connections = ConnectionCount.of(consumer.metrics(), "consumer-metrics");
            while (running && failure == null) {
                committer.commitDone(ledgers);
                // paused for a full buffer there is nothing to fetch: a blocking poll would only sleep while the takers
                // empty the buffer, so poll without waiting (callbacks, rebalances) and wait for room instead
                var records = consumer.poll(pausedForBuffer ? Duration.ZERO : committer.pollTimeout(ledgers, POLL_TIMEOUT));
                polled();
                confirmMembership();
                records.forEach(this::accept);
                if (!fetched.isEmpty()) {
                    buffer.addAll(fetched);
                    fetched.clear();
                }
                applyBackPressure();
                updateShutDown();
                status = new MemberStatus(connections.connected(), joined, consumer.assignment().size(), consumer.paused().size());
                if (pausedForBuffer) {
                    awaitRoom();
                    applyBackPressure();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = new KpoolException("Consumer " + options.clientId() + " was woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("Consumer {} failed; it stops and leaves the group", options.clientId(), e);
            failure = new KpoolException("Consumer " + options.clientId() + " failed: " + e.getMessage(), e);
        } finally {
            finish();
        }
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
        Thread thread = pollThread;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void recordTaken() {
        if (waitingForRoom && buffer.size() <= options.bufferSize() / 2) {
            LockSupport.unpark(pollThread);
        }
    }

    /**
     * Waits, at most as long as a poll would, until the takers have emptied the buffer down to half (where
     * {@link #applyBackPressure} resumes): {@link #recordTaken} wakes it the moment they have.
     */
    private void awaitRoom() {
        // no longer than a poll would have waited: the committer's pace (exactly-once commits every few ms) holds
        long deadline = System.nanoTime() + committer.pollTimeout(ledgers, POLL_TIMEOUT).toNanos();
        waitingForRoom = true; // before looking at the buffer: a taker that empties it after this look wakes us
        try {
            while (running && buffer.size() > options.bufferSize() / 2) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waitingForRoom = false;
        }
    }

    @Override
    public boolean mayHandOut() {
        long lastPoll = lastPollMillis; // read before unconfirmed: polled() writes them in the other order
        return !unconfirmed && clock.millis() - lastPoll < SILENCE_LIMIT_MILLIS;
    }

    /**
     * Notes a return from poll. After a silence (the process was stopped, a long pause) the member may have
     * been replaced without knowing it yet: poll can return before the group's answer that says so, so
     * polling again is no proof of membership and hand-outs wait for {@link #confirmMembership()}.
     */
    private void polled() {
        long now = clock.millis();
        if (now - lastPollMillis >= SILENCE_LIMIT_MILLIS) {
            unconfirmed = true; // before lastPollMillis moves: a taker that sees the new time sees this too
            LOG.info("{} was silent for {} ms; it hands out nothing until the group confirms it still owns its partitions",
                    options.clientId(), now - lastPollMillis);
        }
        lastPollMillis = now;
    }

    /** After a silence: asks the group (through the committer) whether this member still owns its partitions. */
    private void confirmMembership() {
        if (!unconfirmed || clock.instant().isBefore(nextConfirm)) {
            return;
        }
        nextConfirm = clock.instant().plus(CONFIRM_INTERVAL);
        try {
            committer.confirmOwnership(ledgers);
            unconfirmed = false;
            LOG.info("{}: the group confirmed it still owns partitions {}; it hands out again", options.clientId(),
                    names(ledgers.keySet()));
        } catch (KafkaException e) {
            LOG.warn("{}: the group did not confirm it still owns partitions {} ({}); it hands out nothing until it does",
                    options.clientId(), names(ledgers.keySet()), e.toString());
        }
    }

    @Override
    public boolean isShutDown() {
        return shutDown;
    }

    @Override
    public MemberStatus status() {
        return status;
    }

    @Override
    public RuntimeException failure() {
        return failure;
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionLedger ledger = ledgers.get(partition);
        if (ledger == null || ledger.isPoisoned()) {
            return; // past a pill: left uncommitted for whoever consumes this partition next
        }
        String rejection;
        try {
            rejection = admit(ledger, partition, record);
        } catch (RuntimeException e) {
            rejection = "cannot be read: " + e; // whatever one record does, its partition goes on
        }
        if (rejection != null) {
            deadLetter(ledger, record, rejection);
        }
    }

    /** @return null once the record is in the ledger (a value or a pill), or why it can never be processed */
    private String admit(PartitionLedger ledger, TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
        MessageType type = MessageType.of(record.headers(), MessageType.QUEUE_ITEM).orElse(null);
        if (type == null) {
            return "unknown " + MessageType.HEADER + " header";
        }
        if (type == MessageType.POISON_PILL) {
            if (!options.pillsEndPartitions()) {
                return "a poison pill, which nothing on topic '" + options.topic() + "' takes (stop its members with SIGTERM)";
            }
            ledger.add(InFlight.pill(record.partition(), record.offset()));
            consumer.pause(Set.of(partition));
            LOG.info("{} got the poison pill of partition {}", options.clientId(), partition);
            return null;
        }
        if (record.value() == null) {
            return "record has no value";
        }
        T value;
        try {
            value = decoder.decode(record);
        } catch (InvalidRecordException e) {
            return e.getMessage();
        }
        InFlight<T> entry = InFlight.value(record, value, ledger.gate());
        ledger.add(entry);
        fetched.add(entry);
        return null;
    }

    private void deadLetter(PartitionLedger ledger, ConsumerRecord<byte[], byte[]> record, String error) {
        InFlight<T> entry = InFlight.deadLetter(record.partition(), record.offset());
        ledger.add(entry);
        if (committer.writesStagedRecords()) { // exactly once: in the transaction that commits the record's offset
            entry.stage(deadLetters.deadLetter(record, error));
            entry.transition(InFlight.State.DELIVERED, InFlight.State.DONE);
            return;
        }
        deadLetters.send(record, error, () -> entry.transition(InFlight.State.DELIVERED, InFlight.State.DONE),
                e -> failure = new KpoolException("Cannot write to dead-letter topic '" + options.deadLetterTopic()
                        + "': " + e.getMessage() + "; the record stays uncommitted", e));
    }

    private void applyBackPressure() {
        int size = buffer.size();
        if (!pausedForBuffer && size >= options.bufferSize()) {
            pausedForBuffer = true;
            consumer.pause(consumer.assignment());
        } else if (pausedForBuffer && size <= options.bufferSize() / 2) {
            pausedForBuffer = false;
            consumer.resume(consumer.assignment().stream()
                    .filter(partition -> !ledgers.containsKey(partition) || !ledgers.get(partition).isPoisoned())
                    .collect(Collectors.toSet()));
        }
    }

    private void updateShutDown() {
        if (!options.pillsEndPartitions()) {
            return;
        }
        if (!ledgers.isEmpty()) {
            shutDown = ledgers.values().stream().allMatch(PartitionLedger::isPoisoned);
        } else if (!clock.instant().isBefore(nextIdleCheck)) {
            nextIdleCheck = clock.instant().plus(IDLE_CHECK_INTERVAL);
            try {
                shutDown = GroupPoison.wholeTopicPoisoned(consumer, options.topic(), CLIENT_TIMEOUT);
            } catch (KafkaException e) {
                LOG.warn("{}: cannot learn yet whether the group finished '{}' ({}); asking again in {}", options.clientId(),
                        options.topic(), e.toString(), IDLE_CHECK_INTERVAL);
            }
        }
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
        if (pausedForBuffer) {
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
            lastPollMillis = clock.millis(); // inside poll(): still a member, its other partitions' records may go out
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

    private void finish() {
        status = MemberStatus.STARTING;
        try {
            committer.commitBeforeRelease(ledgers, ledgers.keySet());
        } catch (KafkaException e) {
            LOG.warn("{}: final commit failed; uncommitted items will be delivered again: {}", options.clientId(), e.toString());
        } finally {
            consumer.close(CloseOptions.timeout(CLIENT_TIMEOUT));
        }
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while waiting for items in progress", e);
        }
    }

    private static String names(Collection<TopicPartition> partitions) {
        return partitions.stream().map(p -> Integer.toString(p.partition())).sorted().collect(Collectors.joining(",", "[", "]"));
    }
}
