package io.kpool.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpool.core.DeadLetterHeaders;
import io.kpool.core.DeliveryGuarantee;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A queue consumer in exactly-once mode ({@code kpool.queue.delivery=exactly-once}) against a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class QueueExactlyOnceIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final QueueEaters eaters = new QueueEaters();
    private TestKafka kafka;
    private QueueOptions options;

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
        options = QueueOptions.builder().bootstrapServers(kafka.bootstrapServers()).topic(kafka.createTopic("eos-queue", 3))
                .partitions(3).group(kafka.uniqueName("eos-eaters")).joinProgressInterval(Duration.ofMillis(500))
                .guarantee(DeliveryGuarantee.EXACTLY_ONCE).build();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        eaters.close();
    }

    @Test
    void joinReturnsOnceTransactionsCommittedEveryItemAndAnInvalidRecordIsDeadLetteredOnce() throws Exception {
        ConcurrentLinkedQueue<String> eaten = new ConcurrentLinkedQueue<>();
        Future<Integer> consumer = consumer(eaten);
        try (QueueProducer producer = QueueProducer.open(options.toBuilder().clientId("feeder").build())) {
            IntStream.range(0, 30).forEach(i -> producer.put("item" + i));
            sendRaw("not json");
            producer.join(WAIT);

            assertThat(eaten).hasSize(30);
            assertThat(producer.sendPoisonPills()).isEqualTo(3);
        }

        assertThat(consumer.get(60, TimeUnit.SECONDS)).isEqualTo(30);
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin().listConsumerGroupOffsets(options.group())
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        assertThat(committed).as("every partition committed past its pill, in transactions").hasSize(3)
                .allSatisfy((partition, offset) -> assertThat(offset.metadata()).isEqualTo("kpool:poisoned"));
        assertThat(read(options.deadLetterTopic(), "read_committed")).as("the dead letter, committed once").hasSize(1);
        assertThat(endOffset(options.deadLetterTopic())).as("a transaction marker after it").isGreaterThan(1);
    }

    @Test
    void aDeadLetterTooLargeForTheDeadLetterTopicIsCutToFitNotAbortedForEver() throws Exception {
        kafka.admin().createTopics(List.of(new NewTopic(options.deadLetterTopic(), 1, (short) 1)
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "4096")))).all().get(30, TimeUnit.SECONDS);
        ConcurrentLinkedQueue<String> eaten = new ConcurrentLinkedQueue<>();
        Future<Integer> consumer = consumer(eaten);
        try (QueueProducer producer = QueueProducer.open(options.toBuilder().clientId("feeder").build())) {
            sendRaw("x".repeat(20_000)); // not a queue item, and larger than the dead-letter topic takes
            IntStream.range(0, 10).forEach(i -> producer.put("item" + i));
            producer.join(WAIT);

            assertThat(eaten).hasSize(10);
            producer.sendPoisonPills();
        }

        assertThat(consumer.get(60, TimeUnit.SECONDS)).isEqualTo(10);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = read(options.deadLetterTopic(), "read_committed");
        assertThat(deadLetters).as("the dead letter, cut, committed once").hasSize(1);
        assertThat(deadLetters.get(0).value().length).isLessThan(4096);
        assertThat(new String(deadLetters.get(0).headers().lastHeader(DeadLetterHeaders.VALUE_CUT_FROM).value(), StandardCharsets.UTF_8))
                .isEqualTo("20000");
    }

    /** Runs an exactly-once consumer until the pills stop it, recording what it ate. */
    private Future<Integer> consumer(ConcurrentLinkedQueue<String> eaten) {
        return eaters.eat(options, "eater", eaten, Duration.ZERO);
    }

    private void sendRaw(String value) throws Exception {
        Map<String, Object> props = kafka.clientProperties();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(options.topic(), 0, null, value.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic, String isolation) {
        return kafka.readPartition(topic, 0, isolation);
    }

    private long endOffset(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("read_uncommitted")) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition), WAIT).get(partition);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolation) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
