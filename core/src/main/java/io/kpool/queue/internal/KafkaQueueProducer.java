package io.kpool.queue.internal;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.core.internal.kafka.Topics;
import io.kpool.queue.QueueOptions;
import io.kpool.queue.QueueProducer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link QueueProducer} over one {@link KafkaProducer}. */
public final class KafkaQueueProducer implements QueueProducer {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaQueueProducer.class);

    private final QueueOptions options;
    private final Producer<byte[], byte[]> producer;
    private final Admin admin;
    private final SentOffsets sent = new SentOffsets();
    private final AtomicLong sequence = new AtomicLong();
    private final QueueMessageWriter.Clock clock = new QueueMessageWriter.Clock();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final QueueMessageWriter writer;
    private final String idPrefix;
    /** One callback for every item: counts its offset for join, or keeps the first failure. */
    private final Callback acknowledged = (metadata, exception) -> {
        if (exception != null) {
            sendFailure.compareAndSet(null, exception);
        } else {
            sent.add(metadata.partition(), metadata.offset());
        }
    };
    private volatile boolean closed;

    KafkaQueueProducer(QueueOptions options, Producer<byte[], byte[]> producer, Admin admin) {
        this.options = options;
        this.producer = producer;
        this.admin = admin;
        this.writer = new QueueMessageWriter(options.clientId());
        this.idPrefix = options.clientId() + "-";
    }


    /**
     * @param options the queue to put on
     * @return a producer whose topic exists
     */
    public static KafkaQueueProducer open(QueueOptions options) {
        Admin admin = KafkaClients.admin(options.connection());
        try {
            Topics.ensure(admin, options.topic(), options.partitions(), options.connection().replicationFactor());
        } catch (RuntimeException e) {
            admin.close(Duration.ofSeconds(5));
            throw e;
        }
        return new KafkaQueueProducer(options, KafkaClients.producer(options.connection(), "producer"), admin);
    }

    @Override
    public String put(Object item) {
        if (item == null) {
            throw new IllegalArgumentException("item must not be null: Python's None sentinel is sendPoisonPills() in kpool");
        }
        checkUsable();
        String number = Long.toString(sequence.getAndIncrement());
        String id = idPrefix + number;
        byte[] value = writer.write(number, Json.toTree(item), clock.now());
        // no kpool-type header: a record without one is a queue item (README "Wire format"), and a header costs the
        // producer and every consumer its encoding and decoding per record
        producer.send(new ProducerRecord<>(options.topic(), null, id.getBytes(StandardCharsets.UTF_8), value), acknowledged);
        return id;
    }

    @Override
    public void flush() {
        checkUsable();
        producer.flush();
        checkUsable();
    }

    @Override
    public void join(Duration timeout) {
        flush();
        LOG.info("{} joining: waiting up to {} for group '{}' to process {} item(s)", options.clientId(), timeout,
                options.group(), sent.total());
        new JoinWaiter(admin, options).await(sent, timeout);
    }

    @Override
    public int sendPoisonPills() {
        checkUsable();
        int partitions = producer.partitionsFor(options.topic()).size();
        sendPills(partitions, partitions);
        LOG.info("{} sent {} poison pill(s), one to each partition of '{}'", options.clientId(), partitions, options.topic());
        return partitions;
    }

    @Override
    public int sendPoisonPills(int consumers) {
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, got " + consumers);
        }
        checkUsable();
        sendPills(consumers, producer.partitionsFor(options.topic()).size());
        LOG.info("{} sent {} poison pill(s), one per consumer, to '{}'", options.clientId(), consumers, options.topic());
        return consumers;
    }

    private void sendPills(int count, int partitions) {
        for (int pill = 0; pill < count; pill++) {
            RecordHeaders headers = new RecordHeaders(new RecordHeader[] {
                    new RecordHeader(MessageType.HEADER, MessageType.POISON_PILL.headerValue())});
            producer.send(new ProducerRecord<>(options.topic(), pill % partitions, (byte[]) null, (byte[]) null, headers),
                    (metadata, exception) -> {
                        if (exception != null) {
                            sendFailure.compareAndSet(null, exception);
                        }
                    });
        }
        flush();
    }

    @Override
    public long itemsPut() {
        return sequence.get();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            producer.close(Duration.ofSeconds(30));
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("Queue producer " + options.clientId() + " is closed");
        }
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new KpoolException("An item could not be put on '" + options.topic() + "': " + failure.getMessage(), failure);
        }
    }
}
