package io.kpool.core.internal.delivery;

import io.kpool.core.DeliveryOptions;
import io.kpool.core.KpoolException;
import io.kpool.core.internal.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records as a stream that many threads take from ({@link #get}) and mark done ({@link #done}) in any
 * order, while one {@link RecordSource} thread owns the Kafka consumer, fills the buffer and settles what
 * is done (a consumer-group member commits each partition's contiguous done prefix). The engine under both
 * the queue consumer ({@code task_done}) and the pool worker (a task is done once its result is stored).
 *
 * @param <T> the decoded value
 */
public final class RecordStream<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordStream.class);
    private static final long SLICE_MS = 50;

    private final StreamOptions options;
    private final LinkedBlockingDeque<InFlight<T>> buffer = new LinkedBlockingDeque<>();
    private final Map<Long, InFlight<T>> delivered = new ConcurrentHashMap<>();
    private final RecordSource<T> source;
    private final Thread thread;
    private final DeadLetterPublisher deadLetters;
    private final AutoCloseable sourceResources;
    private final boolean settlesEachRecord;
    private final boolean stagedDeadLetters;
    private volatile RuntimeException deadLetterFailure;
    private volatile AutoCloseable meters = () -> { };
    private volatile boolean closed;

    /**
     * Starts the source's thread; the factories ({@link ConsumerGroupStreams}, {@link ShareGroupStreams}) set up its clients.
     *
     * @param sources creates the source over the stream's buffer
     * @param deadLetters where {@link #deadLetter} writes
     * @param sourceResources the source's clients the stream owns, closed after the source stops
     * @param settlesEachRecord whether records are acknowledged one by one (a share group)
     * @param stagedDeadLetters whether a dead letter is staged on its record for the transaction of its offset
     */
    RecordStream(StreamOptions options, RecordSource.Factory<T> sources, DeadLetterPublisher deadLetters,
                 AutoCloseable sourceResources, boolean settlesEachRecord, boolean stagedDeadLetters) {
        this.options = options;
        this.settlesEachRecord = settlesEachRecord;
        this.stagedDeadLetters = stagedDeadLetters;
        this.deadLetters = deadLetters;
        this.source = sources.create(buffer);
        this.sourceResources = sourceResources;
        this.thread = new Thread(source, "kpool-poll-" + options.clientId());
        thread.start();
    }

    // The entry points: each sets up a member (topics, clients, source) in ConsumerGroupStreams or ShareGroupStreams,
    // where their parameters are described, and returns the started stream.

    /** A consumer-group member's stream, at least once: {@link ConsumerGroupStreams#open}, with no meters. */
    public static <T> RecordStream<T> open(StreamOptions options, RecordDecoder<T> decoder) {
        return ConsumerGroupStreams.open(options, decoder, Meters.NONE);
    }

    /** A consumer-group member's stream, at least once, recording its partitions and clients: {@link ConsumerGroupStreams#open}. */
    public static <T> RecordStream<T> open(StreamOptions options, RecordDecoder<T> decoder, MeterRegistry registry) {
        return ConsumerGroupStreams.open(options, decoder, registry);
    }

    /** A consumer-group member's stream committing exactly once: {@link ConsumerGroupStreams#openTransactional}. */
    public static <T> RecordStream<T> openTransactional(StreamOptions options, RecordDecoder<T> decoder,
                                                        Producer<byte[], byte[]> transactional, TransactionPacing pacing,
                                                        MeterRegistry registry) {
        return ConsumerGroupStreams.openTransactional(options, decoder, transactional, pacing, registry);
    }

    /** A stream over a given consumer-group member's consumer, at least once: {@link ConsumerGroupStreams#over}. */
    public static <T> RecordStream<T> overConsumerGroup(StreamOptions options, RecordDecoder<T> decoder,
                                                        Consumer<byte[], byte[]> consumer,
                                                        Producer<byte[], byte[]> deadLetterProducer, Clock clock) {
        return ConsumerGroupStreams.over(options, decoder, consumer, deadLetterProducer, clock);
    }

    /** A share-group member's stream: {@link ShareGroupStreams#open}, with no meters. */
    public static <T> RecordStream<T> openShared(StreamOptions options, DeliveryOptions delivery, int maxHeld,
                                                 RecordDecoder<T> decoder) {
        return ShareGroupStreams.open(options, delivery, maxHeld, decoder, Meters.NONE);
    }

    /** A share-group member's stream, recording what it holds and its dead-letter producer: {@link ShareGroupStreams#open}. */
    public static <T> RecordStream<T> openShared(StreamOptions options, DeliveryOptions delivery, int maxHeld,
                                                 RecordDecoder<T> decoder, MeterRegistry registry) {
        return ShareGroupStreams.open(options, delivery, maxHeld, decoder, registry);
    }

    /** A stream over a given share-group member's share consumer: {@link ShareGroupStreams#over}. */
    public static <T> RecordStream<T> overShareGroup(StreamOptions options, ShareLimits limits, RecordDecoder<T> decoder,
                                                     ShareConsumer<byte[], byte[]> consumer,
                                                     Producer<byte[], byte[]> deadLetterProducer) {
        return ShareGroupStreams.over(options, limits, decoder, consumer, deadLetterProducer);
    }

    /** @param meters the stream's meters ({@link StreamMeters}), removed when it closes */
    void bindMeters(AutoCloseable meters) {
        this.meters = meters;
    }

    /**
     * @param timeout how long to wait for a record
     * @return the next record, or empty if none came in time
     * @throws StreamShutDownException once every owned partition is poisoned and drained
     */
    public Optional<InFlight<T>> get(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (closed) {
                throw new IllegalStateException(options.clientId() + " is closed");
            }
            if (source.failure() != null) {
                throw source.failure();
            }
            if (deadLetterFailure != null) {
                throw deadLetterFailure;
            }
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (!source.mayHandOut()) {
                pause(Math.max(0, Math.min(SLICE_MS, remaining)));
                if (remaining <= 0) {
                    return Optional.empty();
                }
                continue;
            }
            InFlight<T> entry = poll(Math.max(0, Math.min(SLICE_MS, remaining)));
            if (entry != null) {
                source.recordTaken();
            }
            if (entry != null && !source.mayHandOut()) {
                buffer.offerFirst(entry); // taken as the member went silent (the process stopped here): it waits
                continue;
            }
            if (entry != null && deliver(entry)) {
                return Optional.of(entry);
            }
            if (entry == null && buffer.isEmpty() && source.isShutDown()) {
                throw new StreamShutDownException(settlesEachRecord
                        ? options.clientId() + " took its poison pill from '" + options.topic() + "': no more items"
                        : "Every partition of '" + options.topic() + "' that " + options.clientId() + " owns is poisoned: no more items");
            }
            if (entry == null && remaining <= 0) {
                return Optional.empty();
            }
        }
    }

    /**
     * Like {@link #get}, then also takes up to {@code max - 1} more records that are already
     * buffered, without waiting: one hand-over for a run of cheap records.
     *
     * @param max the most records to return, at least 1
     * @param timeout how long to wait for the first
     * @return the records, empty if none came in time
     */
    public List<InFlight<T>> take(int max, Duration timeout) {
        Optional<InFlight<T>> first = get(timeout);
        if (first.isEmpty() || max == 1) {
            return first.map(List::of).orElse(List.of());
        }
        List<InFlight<T>> taken = new ArrayList<>(max);
        taken.add(first.get());
        List<InFlight<T>> more = new ArrayList<>(max - 1);
        buffer.drainTo(more, max - 1);
        if (!more.isEmpty()) {
            source.recordTaken();
        }
        for (int i = 0; i < more.size(); i++) {
            if (!source.mayHandOut()) {
                for (int back = more.size() - 1; back >= i; back--) {
                    buffer.offerFirst(more.get(back)); // in their order, ahead of what came since
                }
                break;
            }
            if (deliver(more.get(i))) {
                taken.add(more.get(i));
            }
        }
        return taken;
    }

    private boolean deliver(InFlight<T> entry) {
        if (!entry.handOver()) {
            return false; // its partition is leaving or left before anyone took it
        }
        delivered.put(key(entry.partition(), entry.offset()), entry);
        return true;
    }

    /**
     * Marks a record handed out by {@link #get} done; its offset is committed once every earlier
     * record of its partition is done too.
     *
     * @return false if that record is not outstanding (already done, or never handed out)
     */
    public boolean done(int partition, long offset) {
        InFlight<T> entry = delivered.remove(key(partition, offset));
        boolean done = entry != null && entry.transition(InFlight.State.DELIVERED, InFlight.State.DONE);
        if (done) {
            source.recordSettled();
        }
        return done;
    }

    /**
     * Sends a record handed out by {@link #get} that turned out never to succeed (say, its answer cannot be
     * delivered anywhere) to the dead-letter topic with the reason; it is done, and committed past, once
     * the dead-letter topic has it. If that write fails, the stream fails: {@link #get} throws. A transactional
     * stream stages the dead letter on the record instead: it is written with the record's offset.
     *
     * @param entry a record handed out and not yet done
     * @param reason why it can never succeed
     * @throws IllegalStateException if that record is not outstanding
     */
    public void deadLetter(InFlight<T> entry, String reason) {
        requireOutstanding(entry);
        if (settlesEachRecord) {
            rejectWhenDone(entry, reason); // the source writes the dead letter, then REJECTs the record
            done(entry.partition(), entry.offset());
            return;
        }
        if (stagedDeadLetters) { // exactly once: in the transaction that commits the record's offset
            entry.stage(deadLetters.deadLetter(entry.record(), reason));
            done(entry.partition(), entry.offset());
            return;
        }
        deadLetters.send(entry.record(), reason, () -> done(entry.partition(), entry.offset()),
                e -> deadLetterFailure = new KpoolException("Cannot write to dead-letter topic '" + deadLetters.topic()
                        + "': " + e.getMessage() + "; the record stays uncommitted", e));
    }

    /** @return true if records are acknowledged one by one (a share group): {@link #release} and {@link #rejectWhenDone} work */
    public boolean settlesEachRecord() {
        return settlesEachRecord;
    }

    /**
     * Hands a record back for another delivery attempt (share groups: RELEASE); the broker counts the attempt.
     *
     * @param entry a record handed out and not yet done
     * @throws IllegalStateException if the record is not outstanding, or the stream is a consumer group's
     */
    public void release(InFlight<T> entry) {
        requirePerRecord();
        requireOutstanding(entry);
        entry.settle(InFlight.Settlement.RELEASE, null);
        done(entry.partition(), entry.offset());
    }

    /**
     * Makes the record's {@link #done} a rejection (share groups): once done, it is written to the dead-letter
     * topic with the reason and REJECTed, never delivered again.
     *
     * @param entry a record handed out and not yet done
     * @param reason why it can never succeed
     * @throws IllegalStateException if the record is not outstanding, or the stream is a consumer group's
     */
    public void rejectWhenDone(InFlight<T> entry, String reason) {
        requirePerRecord();
        requireOutstanding(entry);
        entry.settle(InFlight.Settlement.REJECT, reason);
    }

    private void requirePerRecord() {
        if (!settlesEachRecord) {
            throw new IllegalStateException(options.clientId() + " is a consumer-group member: it commits offsets and cannot "
                    + "release or reject one record");
        }
    }

    private void requireOutstanding(InFlight<T> entry) {
        if (delivered.get(key(entry.partition(), entry.offset())) != entry) {
            throw new IllegalStateException("Record " + entry.partition() + "@" + entry.offset() + " is not outstanding at "
                    + options.clientId());
        }
    }

    /** @return what the member last saw of its group and broker */
    public MemberStatus status() {
        return closed || source.failure() != null ? MemberStatus.STARTING : source.status();
    }

    /** @return records the member holds: waiting in its buffer, or handed out and not yet settled */
    public int held() {
        return buffer.size() + delivered.size();
    }

    /** @return the topic it consumes */
    public String topic() {
        return options.topic();
    }

    /** @return the group it is a member of */
    public String group() {
        return options.group();
    }

    /** @return true once every owned partition is poisoned and the buffer is empty */
    public boolean isShutDown() {
        return source.isShutDown() && buffer.isEmpty();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        source.stop();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(meters);
            closeQuietly(sourceResources);
        }
        if (!delivered.isEmpty()) {
            LOG.warn("{} closed with {} record(s) handed out but not done; they will be delivered again",
                    options.clientId(), delivered.size());
        }
        LOG.info("{} left group '{}'", options.clientId(), options.group());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while waiting for a record", e);
        }
    }

    private InFlight<T> poll(long millis) {
        try {
            return buffer.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while waiting for a record", e);
        }
    }

    private void closeQuietly(AutoCloseable resources) {
        try {
            resources.close();
        } catch (Exception e) {
            LOG.warn("{}: closing the stream's clients failed: {}", options.clientId(), e.toString());
        }
    }

    /** Partition in the high 16 bits, offset in the low 48: unique within one topic. */
    private static long key(int partition, long offset) {
        return ((long) partition << 48) ^ offset;
    }
}
