package io.kpool.queue.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.DeliveryGuarantee;
import io.kpool.core.internal.delivery.InFlight;
import io.kpool.core.internal.delivery.InvalidRecordException;
import io.kpool.core.internal.delivery.RecordStream;
import io.kpool.core.internal.delivery.TransactionPacing;
import io.kpool.core.internal.delivery.StreamOptions;
import io.kpool.core.internal.delivery.StreamShutDownException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.queue.QueueConsumer;
import io.kpool.queue.QueueItem;
import io.kpool.queue.QueueOptions;
import io.kpool.queue.QueueShutDownException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

/** {@link QueueConsumer} over a {@link RecordStream} of queue items. */
public final class KafkaQueueConsumer implements QueueConsumer {
    private final QueueOptions options;
    private final RecordStream<QueueItem> stream;

    KafkaQueueConsumer(QueueOptions options, RecordStream<QueueItem> stream) {
        this.options = options;
        this.stream = stream;
    }

    /**
     * @param options the queue to take from
     * @param registry where the stream records its metrics
     * @return a started consumer whose topic and dead-letter topic exist
     */
    public static KafkaQueueConsumer open(QueueOptions options, MeterRegistry registry) {
        if (options.delivery().isShare()) {
            // share mode: one item at a time (a poll acquires 1 with record_limit), so that no consumer is handed a
            // poison pill while it still holds items, nor one pill more than it takes
            return new KafkaQueueConsumer(options, RecordStream.openShared(streamOptions(options), options.delivery(), 1,
                    KafkaQueueConsumer::decode, registry));
        }
        if (options.guarantee() != DeliveryGuarantee.EXACTLY_ONCE) {
            return new KafkaQueueConsumer(options, RecordStream.open(streamOptions(options), KafkaQueueConsumer::decode, registry));
        }
        KafkaProducer<byte[], byte[]> transactional = KafkaClients.transactionalProducer(options.connection(), "transactions",
                "kpool-" + options.group() + "-" + options.clientId());
        try {
            return new KafkaQueueConsumer(options, RecordStream.openTransactional(streamOptions(options), KafkaQueueConsumer::decode,
                    transactional, new TransactionPacing(options.transactionInterval(), options.transactionMaxRecords()), registry));
        } catch (RuntimeException e) {
            transactional.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    @Override
    public boolean isReady() {
        return stream.status().ready();
    }

    /**
     * @param options the queue's settings
     * @return the delivery engine's settings for the queue's consumer
     */
    static StreamOptions streamOptions(QueueOptions options) {
        return new StreamOptions(options.topic(), options.group(), options.partitions(), options.deadLetterTopic(),
                options.bufferSize(), options.revokeWait(), true, options.connection());
    }

    /**
     * Reads a queue item as the README's wire format has it: a JSON object whose {@code "id"} is a
     * non-empty string, whose {@code "item"} is any JSON value but null, whose {@code "producer"} is a
     * string if present; {@code "sentAt"} and unknown fields are ignored, whatever they hold.
     */
    static QueueItem decode(ConsumerRecord<byte[], byte[]> record) throws InvalidRecordException {
        MessageType type = MessageType.of(record.headers(), MessageType.QUEUE_ITEM).orElse(null);
        if (type != MessageType.QUEUE_ITEM) {
            throw new InvalidRecordException("a " + (type == null ? "record of unknown type" : "\"" + type.wireName() + "\" record") + " is no queue item");
        }
        QueueMessage.Fields message;
        try {
            message = QueueMessage.Fields.read(record.value());
            if (message == null) { // no JSON object: read it whole to say what it is
                JsonNode other = Json.read(record.value(), JsonNode.class);
                throw new InvalidRecordException("a queue message must be a JSON object, got "
                        + (other == null ? "null" : other.getNodeType()));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidRecordException.of("queue message", e);
        }
        JsonNode id = message.id();
        if (id == null || !id.isTextual() || id.textValue().isBlank()) {
            throw new InvalidRecordException("a queue message needs \"id\", a non-empty string");
        }
        JsonNode item = message.item();
        if (item == null || item.isNull()) {
            throw new InvalidRecordException("queue message " + id.textValue()
                    + " has no \"item\" (null is not an item; poison pills are a header)");
        }
        JsonNode producer = message.producer();
        if (producer != null && !producer.isNull() && !producer.isTextual()) {
            throw new InvalidRecordException("queue message " + id.textValue() + ": \"producer\" must be a string");
        }
        return new QueueItem(id.textValue(), item, producer == null || producer.isNull() ? "" : producer.textValue(),
                record.topic(), record.partition(), record.offset());
    }

    @Override
    public Optional<QueueItem> get(Duration timeout) {
        try {
            return stream.get(timeout).map(InFlight::value);
        } catch (StreamShutDownException e) {
            throw new QueueShutDownException(e.getMessage());
        }
    }

    @Override
    public void taskDone(QueueItem item) {
        if (!item.topic().equals(options.topic()) || !stream.done(item.partition(), item.offset())) {
            throw new IllegalStateException("taskDone() called more times than items were delivered: item " + item.id()
                    + " (partition " + item.partition() + ", offset " + item.offset() + ") is not outstanding at "
                    + options.clientId() + "; it was already marked done or was never handed out by get()");
        }
    }

    @Override
    public boolean isShutDown() {
        return stream.isShutDown();
    }

    @Override
    public void close() {
        stream.close();
    }
}
