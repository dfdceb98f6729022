package io.kpool.core.internal.delivery;

import io.kpool.core.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that can never succeed to the dead-letter topic at once, unchanged (key, value,
 * headers), with {@link DeadLetterHeaders} naming where it came from and why it was rejected.
 */
public final class DeadLetterPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    /**
     * @param producer a producer shared with the rest of the process
     * @param topic the dead-letter topic
     */
    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * @param record the rejected record
     * @param error why it was rejected
     * @param onStored called once the broker has stored it
     * @param onFailure called if it could not be stored
     */
    public void send(ConsumerRecord<byte[], byte[]> record, String error, Runnable onStored, Consumer<Exception> onFailure) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(record.topic()));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(DeadLetterHeaders.ERROR, utf8(error));
        LOG.warn("Dead-lettering {}-{}@{} to '{}': {}", record.topic(), record.partition(), record.offset(), topic, error);
        producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers), (metadata, exception) -> {
            if (exception == null) {
                onStored.run();
            } else {
                onFailure.accept(exception);
            }
        });
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
