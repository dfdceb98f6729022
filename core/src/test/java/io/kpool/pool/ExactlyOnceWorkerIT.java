package io.kpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpool.core.DeliveryGuarantee;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A pool worker in exactly-once mode ({@code kpool.pool.delivery=exactly-once}) against a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ExactlyOnceWorkerIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PoolFixture fixture;
    private TestKafka kafka;
    private PoolClientOptions client;
    private PoolWorkerOptions worker;

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
        fixture = new PoolFixture(kafka, "eos", 4, 2);
        client = fixture.client().build();
        worker = fixture.worker().processes(3).guarantee(DeliveryGuarantee.EXACTLY_ONCE).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void everyTaskHasOneCommittedResultWrittenInATransaction() {
        startWorker("w1");
        Pool pool = track(Pool.open(client.toBuilder().clientId("caller").build()));

        List<Integer> squares = pool.map("square", IntStream.range(0, 300).boxed().toList(), Integer.class, 10);
        List<AsyncResult<Double>> sleeps = IntStream.range(0, 30)
                .mapToObj(i -> pool.applyAsync(TaskCall.of("sleep", 0.02).returning(Double.class))).toList();
        sleeps.forEach(result -> assertThat(result.get(WAIT)).isEqualTo(0.02));

        assertThat(squares).hasSize(300).element(299).isEqualTo(299 * 299);
        Map<String, Integer> results = committedResults(client.callbackTopic());
        assertThat(results.values()).as("results per task id").allMatch(count -> count == 1);
        assertThat(results).hasSizeGreaterThanOrEqualTo(30);
        assertThat(endOffsetsSum(client.callbackTopic())).as("offsets taken by transaction markers too")
                .isGreaterThan(recordCount(client.callbackTopic()));
    }

    @Test
    void aTaskOutOfRetriesReachesTheDltAndItsClientGetsTheFailure() {
        startWorker("w1");
        Pool pool = track(Pool.open(client.toBuilder().clientId("caller").build()));

        AsyncResult<Object> failed = pool.applyAsync(TaskCall.of("fail", "on purpose")
                .options(TaskOptions.defaults().retries(1).backoff(new RetryBackoff(Duration.ofMillis(200), 1, Duration.ofSeconds(1), 0))));

        assertThatThrownBy(() -> failed.get(WAIT)).isInstanceOfSatisfying(RemoteTaskException.class,
                failure -> assertThat(failure.attempts()).isEqualTo(2));
        await().atMost(WAIT).until(() -> recordCount(worker.tasksTopic() + ".DLT") == 1);
    }

    @Test
    void aWorkerStartedWithTheSameNameFencesTheOldOneAndEveryTaskIsAnsweredOnce() {
        PoolWorker old = startWorker("same");
        Pool pool = track(Pool.open(client.toBuilder().clientId("caller").build()));
        assertThat(pool.apply("square", 3)).isEqualTo(9);

        startWorker("same"); // a restart of the same worker identity while the old process still runs (a zombie)
        List<AsyncResult<Double>> sleeps = IntStream.range(0, 40)
                .mapToObj(i -> pool.applyAsync(TaskCall.of("sleep", 0.05).returning(Double.class))).toList();

        assertThat(old.awaitStop(WAIT)).as("the fenced worker stops").isTrue();
        sleeps.forEach(result -> assertThat(result.get(WAIT)).isEqualTo(0.05));
        assertThat(committedResults(client.callbackTopic())).as("one committed result per task").hasSize(41)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void anUnreadableTaskRecordIsDeadLetteredInTheTransactionThatCommitsIt() throws Exception {
        startWorker("w1");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(worker.tasksTopic(), "not json".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        }
        String deadLetters = worker.tasksTopic() + ".DLT";

        await().atMost(WAIT).until(() -> readAll(deadLetters, "read_committed").size() == 1);
        assertThat(endOffsetsSum(deadLetters)).as("a transaction marker after the dead letter").isGreaterThan(1);
    }

    @Test
    void aResultTooLargeForTheCallbackTopicIsAnsweredAsAFailureInsteadOfAbortingEveryTransaction() throws Exception {
        ConfigResource callbacks = new ConfigResource(ConfigResource.Type.TOPIC, client.callbackTopic());
        kafka.admin().incrementalAlterConfigs(Map.of(callbacks, List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "4096"), AlterConfigOp.OpType.SET)))).all().get(10, TimeUnit.SECONDS);
        startWorker("w1");
        Pool pool = track(Pool.open(client.toBuilder().clientId("caller").build()));

        AsyncResult<Object> large = pool.applyAsync(TaskCall.of("echo", "x".repeat(20_000)));

        assertThatThrownBy(() -> large.get(WAIT)).isInstanceOf(RemoteTaskException.class).hasMessageContaining("too large");
        assertThat(pool.apply("square", 4)).as("the worker goes on committing").isEqualTo(16);
    }

    private PoolWorker startWorker(String name) {
        return track(PoolWorker.start(worker.toBuilder().clientId(name).build(), TaskRegistry.installed()));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        return fixture.track(closeable);
    }

    /** @return how many results each task id has on the topic, read with {@code read_committed} */
    private Map<String, Integer> committedResults(String topic) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(topic, "read_committed")) {
            JsonNode value = parse(record.value());
            if (value.has("results")) {
                value.path("results").forEach(result -> counts.merge(result.path("id").asText(), 1, Integer::sum));
            } else {
                counts.merge(value.path("id").asText(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private long recordCount(String topic) {
        return readAll(topic, "read_uncommitted").size();
    }

    private long endOffsetsSum(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("read_uncommitted")) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            return consumer.endOffsets(partitions, WAIT).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolation) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolation)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p, WAIT) >= end.get(p));
            });
        }
        return records;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, WAIT).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolation) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return new KafkaConsumer<>(props);
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new AssertionError("A result is no JSON", e);
        }
    }
}
