package io.kpool.core.internal.delivery;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.MessageType;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.AcknowledgementCommitCallback;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RecordSource} that is a share-group member (KIP-932): the one thread that owns the
 * {@link ShareConsumer}, in explicit acknowledgement mode. Each record it acquired is acknowledged on its own
 * once the stream's takers settle it: ACCEPT when done, RELEASE for another attempt, REJECT (after kpool has
 * written it to the dead-letter topic) when it can never succeed. Kafka refuses a poll while a record of the
 * previous one is unacknowledged, so records still waiting or running are RENEWed before each poll — at the
 * latest every half record lock, earlier when a taker is idle — and come back, renewed, from a later poll.
 * A poison pill stops this member: it accepts its first pill and stops acquiring; a second one it is handed
 * (only possible while it renews running work) it releases for another member.
 *
 * @param <T> the decoded value
 */
final class ShareGroupSource<T> implements RecordSource<T>, AcknowledgementCommitCallback {
    private static final Logger LOG = LoggerFactory.getLogger(ShareGroupSource.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final long EARLY_POLL_NANOS = Duration.ofMillis(100).toNanos();
    private static final long SILENCE_LIMIT_NANOS = Duration.ofSeconds(5).toNanos();

    private final ShareConsumer<byte[], byte[]> consumer;
    private final StreamOptions options;
    private final ShareLimits limits;
    private final RecordDecoder<T> decoder;
    private final DeadLetterPublisher deadLetters;
    private final BlockingQueue<InFlight<T>> buffer;
    private final PartitionGate gate = new PartitionGate();
    private final Map<Long, HeldRecord> held = new LinkedHashMap<>();
    private final Semaphore settled = new Semaphore(0);
    private volatile boolean running = true;
    private volatile boolean pillTaken;
    private volatile RuntimeException failure;
    private volatile long lastLoopNanos = System.nanoTime();
    private volatile MemberStatus status = MemberStatus.STARTING;
    private long lastPollNanos;

    ShareGroupSource(ShareConsumer<byte[], byte[]> consumer, StreamOptions options, ShareLimits limits, RecordDecoder<T> decoder,
                     DeadLetterPublisher deadLetters, BlockingQueue<InFlight<T>> buffer) {
        this.consumer = consumer;
        this.options = options;
        this.limits = limits;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.buffer = buffer;
    }

    @Override
    public void run() {
        try {
            RuntimeException failed = PollLoop.run("Share consumer " + options.clientId(), LOG, () -> running, this::pollLoop);
            if (failed != null) {
                failure = failed;
            }
        } finally {
            finish();
        }
    }

    private void pollLoop() {
        consumer.setAcknowledgementCommitCallback(this);
        consumer.subscribe(Set.of(options.topic()));
        ConnectionCount connections = ConnectionCount.of(consumer.metrics(), "consumer-metrics");
        while (running && failure == null) {
            lastLoopNanos = System.nanoTime();
            if (settle()) {
                consumer.commitAsync(); // at once: acknowledgements riding on a long-polling fetch can wait
            }
            if (shouldPoll()) {
                renewUnsettled();
                consumer.poll(POLL_TIMEOUT).forEach(this::accept);
                lastPollNanos = System.nanoTime();
                // a share group assigns no partitions to see: a member that polled is in the group
                status = new MemberStatus(connections.connected(), true, 0, 0);
            } else {
                awaitSettlement();
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void recordSettled() {
        settled.release();
    }

    @Override
    public boolean isShutDown() {
        return pillTaken;
    }

    @Override
    public boolean mayHandOut() {
        return System.nanoTime() - lastLoopNanos < SILENCE_LIMIT_NANOS;
    }

    @Override
    public MemberStatus status() {
        return running && failure == null ? status : MemberStatus.STARTING;
    }

    @Override
    public RuntimeException failure() {
        return failure;
    }

    /** Acknowledges every record of the last poll whose outcome is known. @return whether any was acknowledged */
    private boolean settle() {
        boolean any = false;
        for (Iterator<HeldRecord> it = held.values().iterator(); it.hasNext(); ) {
            HeldRecord record = it.next();
            AcknowledgeType type = record.awaitingReplay ? null : record.acknowledgement(deadLetters, this::deadLetterFailed);
            if (type != null) {
                consumer.acknowledge(record.current, type);
                it.remove();
                any = true;
            }
        }
        return any;
    }

    private boolean shouldPoll() {
        boolean unsettled = held.values().stream().anyMatch(record -> !record.awaitingReplay);
        if (!unsettled) {
            return !pillTaken || !held.isEmpty(); // after its pill a member polls only to get its renewed records back
        }
        long now = System.nanoTime();
        long renewAfter = consumer.acquisitionLockTimeoutMs().map(ms -> Duration.ofMillis(ms).toNanos() / 2)
                .orElse(limits.renewIntervalNanos());
        boolean renewalDue = held.values().stream().anyMatch(record -> !record.awaitingReplay
                && now - record.lockedSinceNanos >= renewAfter);
        boolean takerIdle = !pillTaken && held.size() < limits.maxHeld() && now - lastPollNanos >= EARLY_POLL_NANOS
                && held.values().stream().noneMatch(record -> record.entry.state() == InFlight.State.BUFFERED);
        return renewalDue || takerIdle;
    }

    /** RENEWs every record of the last poll that is not settled yet: Kafka hands it back, renewed, from a later poll. */
    private void renewUnsettled() {
        long now = System.nanoTime();
        for (HeldRecord record : held.values()) {
            if (!record.awaitingReplay) {
                consumer.acknowledge(record.current, AcknowledgeType.RENEW);
                record.awaitingReplay = true;
                record.lockedSinceNanos = now;
            }
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        HeldRecord renewed = held.get(key(record));
        if (renewed != null) {
            renewed.current = record; // a renewed record handed back: acknowledge this copy
            renewed.awaitingReplay = false;
            return;
        }
        MessageType type = MessageType.of(record.headers(), MessageType.QUEUE_ITEM).orElse(null);
        if (type == MessageType.POISON_PILL && options.pillsEndPartitions()) {
            takePill(record);
            return;
        }
        InFlight<T> entry;
        try {
            entry = admit(type, record);
        } catch (RuntimeException e) {
            entry = InFlight.rejected(record, "cannot be read: " + e); // whatever one record does, the group goes on
        }
        held.put(key(record), new HeldRecord(entry, record));
        if (entry.state() == InFlight.State.BUFFERED) {
            buffer.add(entry);
        }
    }

    private InFlight<T> admit(MessageType type, ConsumerRecord<byte[], byte[]> record) {
        if (type == null) {
            return InFlight.rejected(record, "unknown " + MessageType.HEADER + " header");
        }
        if (type == MessageType.POISON_PILL) {
            return InFlight.rejected(record, "a poison pill, which nothing on topic '" + options.topic()
                    + "' takes (stop its members with SIGTERM)");
        }
        if (record.value() == null) {
            return InFlight.rejected(record, "record has no value");
        }
        try {
            return InFlight.value(record, decoder.decode(record), gate);
        } catch (InvalidRecordException e) {
            return InFlight.rejected(record, e.getMessage());
        }
    }

    private void takePill(ConsumerRecord<byte[], byte[]> record) {
        if (pillTaken) {
            consumer.acknowledge(record, AcknowledgeType.RELEASE);
            LOG.info("{} was handed a second poison pill ({}@{}) and released it for another consumer", options.clientId(),
                    record.partition(), record.offset());
            return;
        }
        consumer.acknowledge(record, AcknowledgeType.ACCEPT);
        pillTaken = true;
        LOG.info("{} took a poison pill ({}@{}); it takes nothing more", options.clientId(), record.partition(), record.offset());
    }

    private void deadLetterFailed(Exception e) {
        failure = new KpoolException("Cannot write to dead-letter topic '" + deadLetters.topic() + "': " + e.getMessage()
                + "; the record stays unacknowledged and is delivered again", e);
    }

    @Override
    public void onComplete(Map<TopicIdPartition, Set<Long>> offsets, Exception exception) {
        if (exception == null) {
            return;
        }
        offsets.forEach((partition, partitionOffsets) -> partitionOffsets.forEach(offset -> {
            HeldRecord record = held.get(key(partition.partition(), offset));
            if (record != null && record.awaitingReplay) {
                held.remove(key(partition.partition(), offset)); // its renewal failed: it will not come back to us
            }
        }));
        LOG.warn("{}: acknowledging {} record(s) failed ({}); the broker delivers them again", options.clientId(),
                offsets.values().stream().mapToInt(Set::size).sum(), exception.toString());
    }

    private void finish() {
        try {
            settle();
            for (HeldRecord record : held.values()) {
                if (!record.awaitingReplay) {
                    consumer.acknowledge(record.current, AcknowledgeType.RELEASE);
                }
            }
            commitFinal();
        } catch (KafkaException | IllegalStateException e) {
            LOG.warn("{}: final acknowledgement failed; unacknowledged records will be delivered again: {}", options.clientId(),
                    e.toString());
        } finally {
            consumer.close(CLIENT_TIMEOUT);
        }
    }

    private void commitFinal() {
        try {
            consumer.commitSync(CLIENT_TIMEOUT);
        } catch (WakeupException e) {
            consumer.commitSync(CLIENT_TIMEOUT); // the wakeup of stop() arrived outside poll: it is spent now
        }
    }

    /** Waits a little for a taker to settle a record (or a dead letter to be stored, which nobody signals). */
    private void awaitSettlement() {
        try {
            if (settled.tryAcquire(5, TimeUnit.MILLISECONDS)) {
                settled.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while waiting for records in progress", e);
        }
    }

    private static long key(ConsumerRecord<?, ?> record) {
        return key(record.partition(), record.offset());
    }

    private static long key(int partition, long offset) {
        return ((long) partition << 48) ^ offset;
    }
}
