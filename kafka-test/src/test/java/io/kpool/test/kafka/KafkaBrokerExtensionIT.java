package io.kpool.test.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerExtensionIT {
    private static final long TIMEOUT_SECONDS = 30;
    private static String bootstrapServersSeenBeforeAll;

    @BeforeAll
    static void rememberTheBroker(TestKafka kafka) {
        bootstrapServersSeenBeforeAll = kafka.bootstrapServers();
    }

    @Test
    void everyTestAndLifecycleMethodGetsTheSameBroker(TestKafka kafka) {
        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServersSeenBeforeAll).isNotBlank();
        assertThat(kafka.kind()).isIn(TestKafka.EXTERNAL, TestKafka.TESTCONTAINERS, TestKafka.EMBEDDED);
    }

    @Test
    void createdTopicHasTheRequestedPartitionsEachWithALeader(TestKafka kafka) throws Exception {
        String topic = kafka.createTopic("queue", 6);

        assertThat(topic).matches("queue-[0-9a-f]{12}");
        TopicDescription description = kafka.admin().describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
        assertThat(description.partitions()).hasSize(6).allSatisfy(p -> assertThat(p.leader()).isNotNull());
    }

    @Test
    void aProducedRecordIsConsumedFromACreatedTopic(TestKafka kafka) throws Exception {
        String topic = kafka.createTopic("round-trip", 3);
        Map<String, Object> producerConfig = kafka.clientProperties();
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, "task-1", "square 3")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        Map<String, Object> consumerConfig = kafka.clientProperties();
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.uniqueName("group"));
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }

        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("task-1");
            assertThat(record.value()).isEqualTo("square 3");
        });
    }

    @Test
    void twoCallsGiveDistinctNamesWithTheGivenPrefix(TestKafka kafka) {
        String first = kafka.uniqueName("group");
        String second = kafka.uniqueName("group");

        assertThat(first).startsWith("group-").isNotEqualTo(second);
        assertThat(second).startsWith("group-");
        assertThat(kafka.createTopic("queue", 1)).isNotEqualTo(kafka.createTopic("queue", 1));
    }

    @Test
    void clientPropertiesHoldOnlyTheBootstrapServersAndAreACopyPerCall(TestKafka kafka) {
        Map<String, Object> properties = kafka.clientProperties();

        assertThat(properties).containsExactly(Map.entry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        properties.put("client.id", "changed");
        assertThat(kafka.clientProperties()).doesNotContainKey("client.id");
    }

    @Test
    void namesThatKafkaWouldRejectAreRefusedUpFront(TestKafka kafka) {
        assertThatThrownBy(() -> kafka.uniqueName("no spaces")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kafka.createTopic("queue", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
