package io.kpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kpool.core.DeadLetterHeaders;
import io.kpool.core.DeliveryMode;
import io.kpool.core.DeliveryOptions;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pool workers in share mode, in this JVM, on a one-partition tasks topic: renewal of long tasks and retries. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(240)
class SharePoolIT {
    /** The shortest record lock a default broker lets a group set (group.share.min.record.lock.duration.ms). */
    private static final Duration LOCK = Duration.ofSeconds(15);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private TestKafka kafka;
    private String tasks;
    private PoolClientOptions clientOptions;
    private PoolWorkerOptions workerOptions;

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
        tasks = kafka.createTopic("share-tasks", 1);
        String callbacks = kafka.createTopic("share-callbacks", 1);
        clientOptions = PoolClientOptions.builder()
                .bootstrapServers(kafka.bootstrapServers()).tasksTopic(tasks).callbackTopic(callbacks).build();
        workerOptions = PoolWorkerOptions.builder()
                .bootstrapServers(kafka.bootstrapServers()).tasksTopic(tasks).callbackTopic(callbacks)
                .group(kafka.uniqueName("share-workers")).processes(2)
                .delivery(new DeliveryOptions(DeliveryMode.SHARE, LOCK, 2)).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : opened) {
            if (closeable instanceof Pool pool) {
                pool.terminate();
            } else {
                closeable.close();
            }
        }
    }

    private PoolWorker worker(String name) {
        PoolWorker worker = PoolWorker.start(workerOptions.toBuilder().clientId(name).build(), TaskRegistry.installed());
        opened.add(worker);
        return worker;
    }

    private Pool pool() {
        Pool pool = Pool.open(clientOptions.toBuilder().clientId("client").build());
        opened.add(pool);
        return pool;
    }

    @Test
    void aTaskLongerThanTheRecordLockIsRenewedAndRunsOnce() {
        PoolWorker first = worker("w1");
        PoolWorker second = worker("w2");
        Pool pool = pool();

        double seconds = LOCK.toSeconds() + 6;
        assertThat(pool.applyAsync("sleep", seconds).get(Duration.ofSeconds(90))).isEqualTo(seconds);
        // without renewal the lock runs out after 15 s and the other worker (or a thread of the same one) runs it too
        assertCompletedStays(() -> first.completed() + second.completed(), 1);
    }

    @Test
    void aTaskThatAlwaysFailsIsRetriedUpToTheDeliveryLimitThenAnsweredAndDeadLettered() throws Exception {
        PoolWorker first = worker("w1");
        PoolWorker second = worker("w2");
        Pool pool = pool();

        assertThatThrownBy(() -> pool.apply(TaskCall.of("fail", "always").returning(Object.class)))
                .isInstanceOf(RemoteTaskException.class).hasMessageContaining("always");
        // only the last attempt answers
        assertCompletedStays(() -> first.completed() + second.completed(), 1);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = readAll(tasks + ".DLT", 1);
        assertThat(deadLetters).hasSize(1);
        String error = new String(deadLetters.get(0).headers().lastHeader(DeadLetterHeaders.ERROR).value(), StandardCharsets.UTF_8);
        assertThat(error).contains("failed on all 2 delivery attempts").contains("always").contains("delivery 2");
    }

    @Test
    void anUnknownTaskIsAnsweredAtOnceAndNeverRetried() {
        PoolWorker worker = worker("w1");
        Pool pool = pool();

        assertThatThrownBy(() -> pool.apply("no-such-task")).isInstanceOf(RemoteTaskException.class)
                .hasMessageContaining("no-such-task");
        assertThat(pool.apply("square", 7)).isEqualTo(49);
        assertCompletedStays(worker::completed, 2);
    }

    /**
     * A worker counts a task as completed when the broker acknowledges its result, which can come a moment after the
     * client has read that result: wait for the count, then check that it stays there.
     */
    private static void assertCompletedStays(LongSupplier completed, long expected) {
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(completed.getAsLong()).as("tasks completed").isEqualTo(expected));
    }

    @Test
    void aShareModeWorkerRecordsTheRecordsItHolds() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PoolWorker worker = PoolWorker.start(workerOptions.toBuilder().clientId("metered").build(), TaskRegistry.installed(), registry);
        opened.add(worker);
        Pool pool = pool();

        assertThat(pool.apply("square", 6)).isEqualTo(36);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry.get("kpool.records.held")
                .tags("topic", tasks, "group", workerOptions.group()).gauge().value()).as("held once the task is acknowledged").isZero());
        assertThat(registry.get("kpool.task.succeeded").tag("task", "square").counter().count()).isEqualTo(1);
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.uniqueName("reader"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // and nothing more arrives
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }
}
