package io.kpool.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.core.DeadLetterHeaders;
import io.kpool.queue.QueueConsumer;
import io.kpool.queue.QueueItem;
import io.kpool.queue.QueueOptions;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class DeadLetterIT {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicWithTheirOriginAndTheConsumerGoesOn(TestKafka kafka) throws Exception {
        String topic = kafka.createTopic("queue", 1);
        QueueOptions options = QueueOptions.builder().bootstrapServers(kafka.bootstrapServers())
                .topic(topic).group(kafka.uniqueName("group")).clientId("alex").build();
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(props)) {
            raw.send(new ProducerRecord<>(topic, utf8("k0"), utf8("not json at all"))).get(10, TimeUnit.SECONDS);
            raw.send(new ProducerRecord<>(topic, utf8("k1"), utf8("{\"id\":\"x1\"}"))).get(10, TimeUnit.SECONDS);
            ProducerRecord<byte[], byte[]> unknownType = new ProducerRecord<>(topic, utf8("k2"), utf8("{\"id\":\"x2\",\"item\":1}"));
            unknownType.headers().add("kpool-type", utf8("surprise"));
            raw.send(unknownType).get(10, TimeUnit.SECONDS);
            raw.send(new ProducerRecord<>(topic, utf8("k3"), utf8("{\"id\":\"x3\",\"item\":\"泔水3\"}"))).get(10, TimeUnit.SECONDS);
        }

        try (QueueConsumer queue = QueueConsumer.open(options)) {
            Optional<QueueItem> item = await().atMost(Duration.ofSeconds(30))
                    .until(() -> queue.get(Duration.ofMillis(200)), Optional::isPresent);
            assertThat(item.orElseThrow().text()).as("a header-less record from a foreign client is a valid item").isEqualTo("泔水3");
            queue.taskDone(item.get());
        }

        List<ConsumerRecord<byte[], byte[]>> dead = readAll(kafka, options.deadLetterTopic(), 3);
        assertThat(dead).extracting(record -> new String(record.key(), StandardCharsets.UTF_8)).containsExactly("k0", "k1", "k2");
        assertThat(dead).extracting(record -> header(record, DeadLetterHeaders.SOURCE_OFFSET)).containsExactly("0", "1", "2");
        assertThat(dead).allSatisfy(record -> {
            assertThat(header(record, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
            assertThat(header(record, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(record, DeadLetterHeaders.ERROR)).isNotBlank();
        });
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
        assertThat(header(dead.get(1), DeadLetterHeaders.ERROR)).contains("item");
        assertThat(header(dead.get(2), DeadLetterHeaders.ERROR)).contains("kpool-type");
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(TestKafka kafka, String topic, int expected) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.uniqueName("dlt-reader"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }

    @Test
    void theDeadLetterTopicKpoolCreatesTakesRecordsAsLargeAsItsSourceTopic(TestKafka kafka) throws Exception {
        String topic = kafka.uniqueName("big-queue");
        kafka.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "12582912")))).all().get(30, TimeUnit.SECONDS);
        QueueOptions options = QueueOptions.builder().bootstrapServers(kafka.bootstrapServers())
                .topic(topic).group(kafka.uniqueName("group")).clientId("alex").build();

        try (QueueConsumer consumer = QueueConsumer.open(options)) {
            ConfigResource deadLetters = new ConfigResource(ConfigResource.Type.TOPIC, topic + ".DLT");
            assertThat(kafka.admin().describeConfigs(List.of(deadLetters)).all().get(30, TimeUnit.SECONDS).get(deadLetters)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()).isEqualTo("12582912");
            assertThat(consumer.isShutDown()).isFalse();
        }
    }
}
