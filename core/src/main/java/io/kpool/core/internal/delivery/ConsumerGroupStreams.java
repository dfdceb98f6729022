package io.kpool.core.internal.delivery;

import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.RecordLimits;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up a consumer-group member's {@link RecordStream} (the factories behind {@link RecordStream#open},
 * {@link RecordStream#openTransactional} and {@link RecordStream#overConsumerGroup}): its topics, its consumer, its
 * dead-letter producer, its {@link OffsetCommitter} (at least once or exactly once) and its {@link ConsumerGroupSource}.
 */
final class ConsumerGroupStreams {
    private static final Logger LOG = LoggerFactory.getLogger(RecordStream.class); // the stream's lines, as before

    private ConsumerGroupStreams() {
    }

    /**
     * Creates the topic and its dead-letter topic if needed, joins the group and starts fetching, committing at least
     * once ({@link AsyncPrefixCommitter}).
     *
     * @param options topic, group and clients
     * @param decoder turns records into values
     * @param registry where to record the member's partitions and its clients' metrics ({@link StreamMeters});
     *     {@link io.kpool.core.internal.metrics.Meters#NONE} for nowhere
     * @param <T> the decoded value
     * @return the started stream
     */
    static <T> RecordStream<T> open(StreamOptions options, RecordDecoder<T> decoder, MeterRegistry registry) {
        KafkaConsumer<byte[], byte[]> consumer = join(options).consumer();
        KafkaProducer<byte[], byte[]> deadLetters = KafkaClients.producer(options.connection(), "dead-letters");
        RecordStream<T> stream = over(options, decoder, consumer, deadLetters, Clock.systemUTC());
        stream.bindMeters(StreamMeters.bind(registry, stream, consumer, deadLetters));
        return stream;
    }

    /**
     * Like {@link #open}, committing exactly once: each transaction of the producer holds the records staged on
     * the done records ({@link InFlight#stage}) with their offsets ({@link TransactionalCommitter}).
     *
     * @param options topic, group and clients
     * @param decoder turns records into values
     * @param transactional a transactional producer, {@code initTransactions} done; owned (and closed) by the stream
     * @param pacing when a transaction begins
     * @param registry where to record ({@link StreamMeters}); {@link io.kpool.core.internal.metrics.Meters#NONE} for nowhere
     * @param <T> the decoded value
     * @return the started stream
     */
    static <T> RecordStream<T> openTransactional(StreamOptions options, RecordDecoder<T> decoder,
                                                 Producer<byte[], byte[]> transactional, TransactionPacing pacing,
                                                 MeterRegistry registry) {
        Joined joined = join(options);
        KafkaConsumer<byte[], byte[]> consumer = joined.consumer();
        Producer<byte[], byte[]> deadLetterProducer = KafkaClients.producer(options.connection(), "dead-letters");
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(deadLetterProducer, options.deadLetterTopic(), joined.limits());
        OffsetCommitter committer = new TransactionalCommitter(transactional, consumer, options.clientId(), pacing, Clock.systemUTC());
        RecordStream<T> stream = new RecordStream<>(options, buffer -> new ConsumerGroupSource<>(consumer, options, decoder,
                deadLetters, committer, buffer, Clock.systemUTC()), deadLetters, () -> {
                    deadLetterProducer.close(Duration.ofSeconds(10));
                    transactional.close(Duration.ofSeconds(10));
                }, false, true);
        stream.bindMeters(StreamMeters.bind(registry, stream, consumer, transactional));
        return stream;
    }

    /**
     * A stream whose source is a consumer-group member committing at least once ({@link AsyncPrefixCommitter}).
     *
     * @param options topic, group and clients
     * @param decoder turns records into values
     * @param consumer the member's consumer, not yet subscribed; owned by the stream from now on
     * @param deadLetterProducer writes invalid records to the dead-letter topic; closed with the stream
     * @param clock paces commits and idle checks
     * @param <T> the decoded value
     * @return the started stream
     */
    static <T> RecordStream<T> over(StreamOptions options, RecordDecoder<T> decoder, Consumer<byte[], byte[]> consumer,
                                    Producer<byte[], byte[]> deadLetterProducer, Clock clock) {
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(deadLetterProducer, options.deadLetterTopic());
        OffsetCommitter committer = new AsyncPrefixCommitter(consumer, options.clientId(), clock);
        return new RecordStream<>(options, buffer -> new ConsumerGroupSource<>(consumer, options, decoder, deadLetters,
                committer, buffer, clock), deadLetters, () -> deadLetterProducer.close(Duration.ofSeconds(10)), false, false);
    }

    /** A member's consumer, not yet subscribed, and how large a dead letter may be (read while the topics were ensured). */
    private record Joined(KafkaConsumer<byte[], byte[]> consumer, RecordLimits limits) {
    }

    /** Creates the topic and its dead-letter topic if needed; returns the member's consumer, not yet subscribed. */
    private static Joined join(StreamOptions options) {
        Admin admin = KafkaClients.admin(options.connection());
        RecordLimits limits;
        try {
            StreamTopics.ensure(admin, options);
            int maxRequestSize = (Integer) KafkaClients.setting(options.connection(), ProducerConfig.configDef(),
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
            int deadLetterLimit = RecordLimits.of(admin, maxRequestSize).limit(options.deadLetterTopic());
            limits = new RecordLimits(deadLetterLimit, topic -> Integer.MAX_VALUE);
        } finally {
            admin.close(KafkaClients.ADMIN_CLOSE_TIMEOUT);
        }
        LOG.info("{} joining group '{}' on topic '{}' at {}", options.clientId(), options.group(), options.topic(),
                options.connection().bootstrapServers());
        return new Joined(KafkaClients.consumer(options.connection(), options.group()), limits);
    }
}
