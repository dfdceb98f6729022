package io.kpool.core.internal.delivery;

import io.kpool.core.DeadLetterHeaders;
import io.kpool.core.RecordText;
import io.kpool.core.internal.kafka.RecordLimits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that can never succeed to the dead-letter topic at once, unchanged (key, value,
 * headers), with {@link DeadLetterHeaders} naming where it came from and why it was rejected. A dead
 * letter always fits: if the broker or the producer refuses it as too large, it is sent again with its
 * value cut to {@value #CUT_VALUE_BYTES} bytes, then with key and value cut to {@value #LAST_RESORT_BYTES}
 * bytes and its own headers dropped, each cut named in a header. A dead letter written in a transaction
 * ({@link #deadLetter}) is cut the same way before it is staged, against {@link RecordLimits}: one the broker
 * refused would abort its transaction, and every later one that carried it again.
 */
public final class DeadLetterPublisher {
    /** What a too-large dead letter's value is cut to first. */
    static final int CUT_VALUE_BYTES = 64 * 1024;
    /** What key and value are cut to when even that does not fit. */
    static final int LAST_RESORT_BYTES = 1024;
    /** The longest error text a dead letter carries. */
    static final int MAX_ERROR_CHARS = 4000;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final RecordLimits limits;

    /**
     * @param producer a producer shared with the rest of the process
     * @param topic the dead-letter topic
     */
    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic) {
        this(producer, topic, new RecordLimits(Integer.MAX_VALUE, name -> Integer.MAX_VALUE));
    }

    /**
     * @param producer a producer shared with the rest of the process
     * @param topic the dead-letter topic
     * @param limits how large a record may be on the dead-letter topic, for {@link #deadLetter}
     */
    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic, RecordLimits limits) {
        this.producer = producer;
        this.topic = topic;
        this.limits = limits;
    }

    /** @return the dead-letter topic */
    public String topic() {
        return topic;
    }

    /**
     * @param record the rejected record
     * @param error why it was rejected
     * @param onStored called once the broker has stored it
     * @param onFailure called if it could not be stored, even cut
     */
    public void send(ConsumerRecord<byte[], byte[]> record, String error, Runnable onStored, Consumer<Exception> onFailure) {
        send(record, reason(record, error), 0, onStored, onFailure);
    }

    /**
     * The dead letter of a record for a caller that writes it itself (in a transaction, exactly once): whole if
     * it fits the dead-letter topic's {@link RecordLimits limit}, else cut as {@link #send} cuts one the broker refused.
     *
     * @param record the rejected record
     * @param error why it was rejected
     * @return the dead letter
     */
    public ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, String error) {
        String reason = reason(record, error);
        int cut = 0;
        ProducerRecord<byte[], byte[]> deadLetter = build(record, reason, cut);
        while (cut < 2 && !limits.fits(deadLetter)) {
            LOG.warn("Dead letter of {}-{}@{} is too large for '{}' ({} bytes or more, {} allowed); cutting it", record.topic(),
                    record.partition(), record.offset(), topic, RecordLimits.upperBound(deadLetter), limits.limit(topic));
            deadLetter = build(record, reason, ++cut);
        }
        return deadLetter;
    }

    private String reason(ConsumerRecord<byte[], byte[]> record, String error) {
        String reason = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) + "…" : error;
        LOG.warn("Dead-lettering {}-{}@{} to '{}': {}", record.topic(), record.partition(), record.offset(), topic,
                RecordText.forLog(reason));
        return reason;
    }

    private void send(ConsumerRecord<byte[], byte[]> record, String error, int cut, Runnable onStored,
                      Consumer<Exception> onFailure) {
        producer.send(build(record, error, cut), (metadata, exception) -> {
            if (exception == null) {
                onStored.run();
            } else if (exception instanceof RecordTooLargeException && cut < 2) {
                LOG.warn("Dead letter of {}-{}@{} is too large for '{}'; sending it cut", record.topic(), record.partition(),
                        record.offset(), topic);
                send(record, error, cut + 1, onStored, onFailure);
            } else {
                onFailure.accept(exception);
            }
        });
    }

    /** The dead letter; {@code cut} 0 keeps it whole, 1 cuts its value, 2 also its key and drops its own headers. */
    private ProducerRecord<byte[], byte[]> build(ConsumerRecord<byte[], byte[]> record, String error, int cut) {
        RecordHeaders headers = new RecordHeaders();
        if (cut < 2) {
            for (Header header : record.headers()) {
                headers.add(header);
            }
        } else {
            headers.add(DeadLetterHeaders.HEADERS_DROPPED, utf8(Integer.toString(record.headers().toArray().length)));
        }
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(record.topic()));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(DeadLetterHeaders.ERROR, utf8(error));
        byte[] key = record.key();
        byte[] value = record.value();
        if (cut >= 1 && value != null && value.length > (cut == 1 ? CUT_VALUE_BYTES : LAST_RESORT_BYTES)) {
            headers.add(DeadLetterHeaders.VALUE_CUT_FROM, utf8(Integer.toString(value.length)));
            value = Arrays.copyOf(value, cut == 1 ? CUT_VALUE_BYTES : LAST_RESORT_BYTES);
        }
        if (cut >= 2 && key != null && key.length > LAST_RESORT_BYTES) {
            headers.add(DeadLetterHeaders.KEY_CUT_FROM, utf8(Integer.toString(key.length)));
            key = Arrays.copyOf(key, LAST_RESORT_BYTES);
        }
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
