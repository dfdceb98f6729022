package io.kpool.core.internal.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;

/**
 * How large a record may be on each topic: the producer's {@code max.request.size} and the topic's
 * {@code max.message.bytes}, whichever is smaller, each topic's read once. A transactional writer checks its
 * records against it before sending: a record the broker refuses aborts the transaction that carries it, and
 * the same record in the next one aborts that too, for ever.
 */
public final class RecordLimits {
    /** A record batch's header and one record's framing, rounded up: what a record costs beside its bytes. */
    static final int BATCH_OVERHEAD_BYTES = 128;
    /** A header's framing beside its key and value, rounded up. */
    static final int HEADER_OVERHEAD_BYTES = 10;

    private final int maxRequestSize;
    private final Function<String, Integer> topicLimit;
    private final Map<String, Integer> limits = new ConcurrentHashMap<>();

    /**
     * @param maxRequestSize the producer's {@code max.request.size}
     * @param topicLimit a topic's {@code max.message.bytes}, or {@link Integer#MAX_VALUE} if it cannot be read
     */
    public RecordLimits(int maxRequestSize, Function<String, Integer> topicLimit) {
        this.maxRequestSize = maxRequestSize;
        this.topicLimit = topicLimit;
    }

    /**
     * @param admin reads the topics' {@code max.message.bytes} (the topic's own or the broker's default)
     * @param maxRequestSize the producer's {@code max.request.size}
     * @return limits read from the cluster
     */
    public static RecordLimits of(Admin admin, int maxRequestSize) {
        return new RecordLimits(maxRequestSize, topic -> Topics.config(admin, topic, TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                .map(Integer::parseInt).orElse(Integer.MAX_VALUE));
    }

    /**
     * @param topic a topic
     * @return the most bytes a record written to it may take
     */
    public int limit(String topic) {
        return limits.computeIfAbsent(topic, name -> Math.min(maxRequestSize, topicLimit.apply(name)));
    }

    /**
     * @param record a record about to be sent
     * @return true if it fits its topic (by an upper bound of its size, uncompressed)
     */
    public boolean fits(ProducerRecord<byte[], byte[]> record) {
        return upperBound(record) <= limit(record.topic());
    }

    /**
     * @param record a record
     * @return at least the bytes it takes in a record batch of its own, uncompressed
     */
    public static int upperBound(ProducerRecord<byte[], byte[]> record) {
        long bytes = BATCH_OVERHEAD_BYTES + length(record.key()) + length(record.value());
        for (Header header : record.headers()) {
            bytes += HEADER_OVERHEAD_BYTES + header.key().getBytes(StandardCharsets.UTF_8).length + length(header.value());
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
