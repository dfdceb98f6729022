package io.kpool.dict.internal;

import io.kpool.core.KpoolConfigException;
import io.kpool.core.KpoolException;
import io.kpool.dict.SharedDictException;
import io.kpool.dict.internal.fold.Folded;
import io.kpool.dict.internal.fold.Operation;
import io.kpool.dict.internal.fold.Outcome;
import io.kpool.core.RecordText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns a dict client's {@link Consumer}: it reads the dict's single-partition
 * log from the start, folds every record into the {@link Replica}, completes this client's
 * pending operations with their outcomes, and answers {@link SyncRequests} (other threads ask
 * through a queue and {@code wakeup()}).
 */
final class FoldLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FoldLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final long EXPIRE_EVERY_NANOS = 200_000_000L;

    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final String dictName;
    private final String writerId;
    private final Replica replica;
    private final PendingOperations pending;
    private final SyncRequests syncs = new SyncRequests();
    private volatile boolean running = true;
    private volatile KpoolException failure;
    private volatile boolean stopped;
    private long nextExpiry = System.nanoTime();
    private boolean started;
    private long metadataDeadline;
    private boolean warnedAboutTimestamps;

    FoldLoop(Consumer<byte[], byte[]> consumer, String topic, String dictName, String writerId, Replica replica,
                 PendingOperations pending) {
        this.consumer = consumer;
        this.partition = new TopicPartition(topic, 0);
        this.dictName = dictName;
        this.writerId = writerId;
        this.replica = replica;
        this.pending = pending;
    }

    /** @return completes once the fold has caught up with everything in the log when it was asked */
    CompletableFuture<Void> sync() {
        CompletableFuture<Void> request = syncs.ask();
        if (!running || failure != null) {
            syncs.failAsked(stoppedFailure());
        }
        consumer.wakeup();
        return request;
    }

    /** @return why the loop no longer folds (it failed or was stopped), or null while it runs */
    KpoolException stopped() {
        return stopped ? stoppedFailure() : null;
    }

    /** Asks the loop to stop; it fails what is still pending and closes the consumer. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    start();
                    syncs.resolve(() -> consumer.endOffsets(List.of(partition), CLIENT_TIMEOUT).get(partition),
                            "topic '" + partition.topic() + "' within " + CLIENT_TIMEOUT);
                    fold(consumer.poll(POLL_TIMEOUT));
                    if (syncs.waiting()) {
                        syncs.reached(consumer.position(partition, CLIENT_TIMEOUT));
                    }
                    expirePending();
                } catch (WakeupException e) {
                    continue; // woken for a sync request or to stop: the loop checks both
                }
            }
        } catch (KpoolException e) { // a check of the topic failed: the message says what to do
            LOG.error("Shared dict '{}' cannot read its log: {}", dictName, e.getMessage());
            failure = e;
        } catch (RuntimeException e) {
            LOG.error("Shared dict '{}': the fold of topic '{}' failed; this client stops", dictName, partition.topic(), e);
            failure = new SharedDictException("Shared dict '" + dictName + "' stopped reading its log: " + e.getMessage(), e);
        } finally {
            stopped = true;
            KpoolException reason = stoppedFailure();
            syncs.failAll(reason);
            pending.failAll(reason);
            consumer.close(CloseOptions.timeout(Duration.ZERO)); // no group, no commits: nothing to wait for but an idle fetch
        }
    }

    private void start() {
        if (started) {
            return;
        }
        List<PartitionInfo> partitions = consumer.partitionsFor(partition.topic(), CLIENT_TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            awaitTopicMetadata(); // just created: the broker's metadata may not list it yet
            return;
        }
        if (partitions.size() != 1) {
            throw new KpoolConfigException("Shared dict '" + dictName + "': topic '" + partition.topic() + "' has "
                    + partitions.size() + " partitions; a shared dict needs exactly one"
                    + " (its operations must be totally ordered). Delete the topic or choose another dict name.");
        }
        long first = consumer.beginningOffsets(List.of(partition), CLIENT_TIMEOUT).getOrDefault(partition, 0L);
        if (first > 0) {
            throw new SharedDictException("Shared dict '" + dictName + "': topic '" + partition.topic() + "' starts at offset "
                    + first + ": its first operations were deleted (retention.ms or deleteRecords), so the dict cannot be"
                    + " rebuilt. Its topic must keep every record (retention.ms=-1).");
        }
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        started = true;
    }

    private void awaitTopicMetadata() {
        if (metadataDeadline == 0) {
            metadataDeadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
        } else if (System.nanoTime() - metadataDeadline > 0) {
            throw new SharedDictException("Shared dict '" + dictName + "': topic '" + partition.topic()
                    + "' does not exist (it was created, but the broker does not list it within " + CLIENT_TIMEOUT + ")");
        }
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SharedDictException("Shared dict '" + dictName + "': interrupted while waiting for its topic", e);
        }
    }

    private void fold(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Replica.LogRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            checkTimestampType(record);
            batch.add(new Replica.LogRecord(record.value(), record.offset(), record.timestamp()));
        }
        for (Folded folded : replica.apply(batch)) {
            Operation op = folded.operation();
            if (folded.outcome().status() == Outcome.Status.INVALID) {
                LOG.warn("Shared dict '{}': skipped record {} of '{}', as every client does: {}", dictName,
                        folded.outcome().offset(), partition.topic(), RecordText.forLog(folded.outcome().message()));
            } else if (writerId.equals(op.writer())) {
                pending.complete(op.seq(), folded.outcome());
            }
        }
    }

    private void checkTimestampType(ConsumerRecord<byte[], byte[]> record) {
        if (record.timestampType() != TimestampType.LOG_APPEND_TIME && !warnedAboutTimestamps) {
            warnedAboutTimestamps = true;
            LOG.warn("Shared dict '{}': topic '{}' does not use message.timestamp.type=LogAppendTime; lock leases are judged"
                    + " by the writers' clocks", dictName, partition.topic());
        }
    }

    private void expirePending() {
        long now = System.nanoTime();
        if (now - nextExpiry >= 0) {
            nextExpiry = now + EXPIRE_EVERY_NANOS;
            pending.expire(dictName);
        }
    }

    private KpoolException stoppedFailure() {
        return failure != null ? failure : new SharedDictException("Shared dict '" + dictName + "' is closed");
    }
}
