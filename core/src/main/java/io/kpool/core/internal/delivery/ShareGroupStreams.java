package io.kpool.core.internal.delivery;

import io.kpool.core.DeliveryOptions;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.ShareConsumers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up a share-group member's {@link RecordStream} (the factories behind {@link RecordStream#openShared} and
 * {@link RecordStream#overShareGroup}): its topics, the share group's configs ({@link ShareGroupSetup}), its share
 * consumer, its dead-letter producer and its {@link ShareGroupSource}.
 */
final class ShareGroupStreams {
    private static final Logger LOG = LoggerFactory.getLogger(RecordStream.class); // the stream's lines, as before

    private ShareGroupStreams() {
    }

    /**
     * Creates the topic and its dead-letter topic if needed, configures the share group and joins it.
     *
     * @param options topic, group and clients
     * @param delivery the share group's record lock and delivery limit
     * @param maxHeld the most records the member holds (waiting or running) at once
     * @param decoder turns records into values
     * @param registry where to record the records the member holds and its dead-letter producer's metrics
     *     ({@link StreamMeters#bindShared}); {@link io.kpool.core.internal.metrics.Meters#NONE} for nowhere
     * @param <T> the decoded value
     * @return the started stream
     */
    static <T> RecordStream<T> open(StreamOptions options, DeliveryOptions delivery, int maxHeld, RecordDecoder<T> decoder,
                                    MeterRegistry registry) {
        Admin admin = KafkaClients.admin(options.connection());
        try {
            StreamTopics.ensure(admin, options);
            ShareGroupSetup.configure(admin, options.group(), delivery);
        } finally {
            admin.close(KafkaClients.ADMIN_CLOSE_TIMEOUT);
        }
        LOG.info("{} joining share group '{}' on topic '{}' at {}", options.clientId(), options.group(), options.topic(),
                options.connection().bootstrapServers());
        Producer<byte[], byte[]> deadLetters = KafkaClients.producer(options.connection(), "dead-letters");
        RecordStream<T> stream = over(options, new ShareLimits(maxHeld, delivery.recordLock()), decoder,
                ShareConsumers.create(options.connection(), options.group(), maxHeld), deadLetters);
        stream.bindMeters(StreamMeters.bindShared(registry, stream, deadLetters));
        return stream;
    }

    /**
     * A stream whose source is a share-group member acknowledging each record.
     *
     * @param options topic, group and clients
     * @param limits what the member holds at most, and its record lock
     * @param decoder turns records into values
     * @param consumer the member's share consumer in explicit acknowledgement mode, not yet subscribed; owned by the stream
     * @param deadLetterProducer writes rejected records to the dead-letter topic; closed with the stream
     * @param <T> the decoded value
     * @return the started stream
     */
    static <T> RecordStream<T> over(StreamOptions options, ShareLimits limits, RecordDecoder<T> decoder,
                                    ShareConsumer<byte[], byte[]> consumer, Producer<byte[], byte[]> deadLetterProducer) {
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(deadLetterProducer, options.deadLetterTopic());
        return new RecordStream<>(options, buffer -> new ShareGroupSource<>(consumer, options, limits, decoder, deadLetters, buffer),
                deadLetters, () -> deadLetterProducer.close(Duration.ofSeconds(10)), true, false);
    }
}
