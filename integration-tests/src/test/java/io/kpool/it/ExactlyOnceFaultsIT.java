package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.TaskCall;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix of pool workers in exactly-once mode ({@code KPOOL_POOL_DELIVERY=exactly-once}): workers
 * SIGKILLed every few seconds, rolling restarts under the same names, a zombie worker resumed after its
 * session timeout, and a broker restart. Each scenario prints a FAULT MATRIX line and checks that the callback
 * topic, read with {@code read_committed}, holds exactly one result per task and that none is lost.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ExactlyOnceFaultsIT {
    private static final int PARTITIONS = 4;
    private static final int PROCESSES = 2;
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<Submitted> submitted = new ArrayList<>();
    private final String tasksTopic = "eos-fault-tasks-" + UUID.randomUUID();
    private final String callbackTopic = "eos-fault-callbacks-" + UUID.randomUUID();
    private final String group = "eos-fault-workers-" + UUID.randomUUID();
    private final long startNanos = System.nanoTime();
    private String servers;

    /** One submitted task and how often its callbacks ran. */
    private record Submitted(AsyncResult<Double> result, AtomicInteger deliveries) {
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) { // the broker last
            AutoCloseable closeable = opened.get(i);
            if (closeable instanceof Pool pool) {
                pool.terminate();
            } else {
                closeable.close();
            }
        }
    }

    @Test
    void sigkillEveryFewSecondsLeavesOneCommittedResultPerTask(TestKafka kafka) throws Exception {
        useBroker(kafka.bootstrapServers());
        List<ServiceProcess> live = new ArrayList<>(List.of(assignedWorker("k1"), assignedWorker("k2")));
        Pool pool = pool();
        int kills = 3;
        for (int i = 0; i < kills; i++) {
            submitUnderWay(pool, 60, 0.2);
            live.remove(0).kill();
            live.add(worker("k" + (i + 3))); // a new identity: the killed one's open transaction times out
        }
        settleAndCheck("exactly-once: SIGKILL every few s", pool, kills);
    }

    @Test
    void rollingRestartsUnderTheSameNamesLeaveOneCommittedResultPerTask(TestKafka kafka) throws Exception {
        useBroker(kafka.bootstrapServers());
        List<ServiceProcess> live = new ArrayList<>(List.of(assignedWorker("r1"), assignedWorker("r2")));
        Pool pool = pool();
        int restarts = 4;
        for (int i = 0; i < restarts; i++) {
            submitUnderWay(pool, 60, 0.2);
            ServiceProcess stopped = live.remove(0);
            String name = i % 2 == 0 ? "r1" : "r2";
            if (i < 2) {
                stopped.terminate();
                assertThat(stopped.waitForExit(STEP)).as("exit code after SIGTERM").isZero();
            } else {
                stopped.kill(); // the restart under the same name fences it and aborts its open transaction
            }
            live.add(worker(name));
        }
        settleAndCheck("exactly-once: rolling restarts, same names (2 SIGTERM, 2 SIGKILL)", pool, restarts);
    }

    @Test
    void aZombieWorkerResumedAfterItsSessionTimeoutCommitsNothingTwice(TestKafka kafka) throws Exception {
        useBroker(kafka.bootstrapServers());
        ServiceProcess zombie = assignedWorker("z1");
        ServiceProcess other = assignedWorker("z2");
        Pool pool = pool();
        submitUnderWay(pool, 80, 0.3);
        zombie.pause();
        int assignments = countLines(other, "z2 was assigned partitions");
        await().atMost(STEP).until(() -> countLines(other, "z2 was assigned partitions") > assignments); // the group moved on
        submit(pool, 40, 0.2);
        zombie.resume(); // it finishes the tasks it had, then tries to commit them with its stale generation
        submit(pool, 40, 0.2);
        settleAndCheck("exactly-once: zombie resumed after session timeout", pool, 1);
    }

    @Test
    void aBrokerRestartLeavesOneCommittedResultPerTask(@TempDir Path dataDir) throws Exception {
        String port = Integer.toString(freePort());
        ServiceProcess broker = startBroker("broker", port, dataDir);
        useBroker("localhost:" + port);
        assignedWorker("b1");
        assignedWorker("b2");
        Pool pool = pool();
        submitUnderWay(pool, 80, 0.1);
        broker.terminate();
        assertThat(broker.waitForExit(STEP)).as("broker exit code after SIGTERM").isZero();
        startBroker("broker-restarted", port, dataDir);
        submit(pool, 60, 0.1);
        settleAndCheck("exactly-once: broker restart", pool, 1);
    }

    private void useBroker(String bootstrapServers) throws Exception {
        servers = bootstrapServers;
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(tasksTopic, PARTITIONS, (short) 1), new NewTopic(callbackTopic, PARTITIONS, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits for every result and for the group to commit every task (nothing can run again), then answers one
     * more task, so that every transaction before it on its partition is decided, and reads the callback topic
     * with {@code read_committed}.
     */
    private void settleAndCheck(String scenario, Pool pool, int faults) throws Exception {
        submitted.forEach(s -> s.result().waitFor(STEP));
        await().atMost(STEP).pollInterval(Duration.ofMillis(500)).until(() -> uncommittedTasks() == 0);
        assertThat(pool.apply(TaskCall.of("echo", "fence").returning(String.class))).isEqualTo("fence");
        Map<String, Integer> onTopic = committedResults();
        long delivered = submitted.stream().filter(s -> s.deliveries().get() > 0).count();
        long twice = submitted.stream().mapToLong(s -> Math.max(0, s.deliveries().get() - 1)).sum();
        long results = onTopic.values().stream().mapToLong(Integer::longValue).sum() - 1;
        System.out.println(String.format(Locale.ROOT, "FAULT MATRIX | %s | submitted %d | results at client %d | duplicate deliveries %d"
                        + " | committed results on topic %d | duplicate committed results %d | faults %d | %.1f s", scenario,
                submitted.size(), delivered, twice, results, results + 1 - onTopic.size(), faults, (System.nanoTime() - startNanos) / 1e9));
        assertThat(submitted).as("every task answered").allMatch(s -> s.result().successful());
        assertThat(twice).as("callbacks run twice").isZero();
        assertThat(onTopic).as("task ids with a committed result (and the fence)").hasSize(submitted.size() + 1);
        assertThat(onTopic).as("committed results per task id").allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    }

    /** Submits {@code count} tasks and waits until ten of them are answered: the fault comes while they run. */
    private void submitUnderWay(Pool pool, int count, double seconds) {
        List<Submitted> wave = submit(pool, count, seconds);
        await().atMost(STEP).until(() -> wave.stream().filter(s -> s.result().ready()).count() >= 10);
    }

    private List<Submitted> submit(Pool pool, int count, double seconds) {
        List<Submitted> wave = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AtomicInteger deliveries = new AtomicInteger();
            wave.add(new Submitted(pool.applyAsync(TaskCall.of("sleep", seconds).returning(Double.class),
                    result -> deliveries.incrementAndGet(), error -> deliveries.incrementAndGet()), deliveries));
        }
        submitted.addAll(wave);
        return wave;
    }

    private ServiceProcess worker(String name) {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", servers, "KPOOL_POOL_TASKS_TOPIC", tasksTopic,
                "KPOOL_POOL_CALLBACK_TOPIC", callbackTopic, "KPOOL_POOL_GROUP", group, "KPOOL_POOL_DELIVERY", "exactly-once",
                "KAFKA_SESSION_TIMEOUT_MS", "6000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
        return track(ServiceProcess.start(name, "kpool.pool-worker.jar", env, "--name", name, "--processes", Integer.toString(PROCESSES)));
    }

    private ServiceProcess assignedWorker(String name) {
        ServiceProcess worker = worker(name);
        await().atMost(STEP).until(() -> worker.hasLine(line -> line.contains(name + " was assigned partitions")));
        return worker;
    }

    private static int countLines(ServiceProcess process, String text) {
        return (int) process.lines().stream().filter(line -> line.contains(text)).count();
    }

    private Pool pool() {
        return track(Pool.open(PoolClientOptions.builder().bootstrapServers(servers).tasksTopic(tasksTopic)
                .callbackTopic(callbackTopic).clientId("eos-faults").build()));
    }

    private ServiceProcess startBroker(String label, String port, Path dataDir) {
        ServiceProcess broker = track(ServiceProcess.start(label, "kpool.kafka-local.jar", Map.of(), "--port", port,
                "--data-dir", dataDir.toString()));
        await().atMost(Duration.ofSeconds(90)).until(() -> broker.hasLine(line -> line.contains("kafka-local ready on")));
        return broker;
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
    }

    private long uncommittedTasks() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(tasksTopic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream().mapToLong(e -> e.getValue().offset()
                    - (committed.get(e.getKey()) == null ? 0L : committed.get(e.getKey()).offset())).sum();
        }
    }

    /** @return the results on the callback topic per task id, read with {@code read_committed} to its last stable offsets */
    private Map<String, Integer> committedResults() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Object> props = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2_000_000));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(callbackTopic, STEP).stream()
                    .map(info -> new TopicPartition(callbackTopic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, STEP);
            await().atMost(STEP).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    count(counts, record.value());
                }
                return partitions.stream().allMatch(p -> consumer.position(p, STEP) >= end.get(p));
            });
        }
        return counts;
    }

    private static void count(Map<String, Integer> counts, byte[] value) throws IOException {
        JsonNode result = JSON.readTree(value);
        if (result.has("results")) {
            result.path("results").forEach(one -> counts.merge(one.path("id").asText(), 1, Integer::sum));
        } else {
            counts.merge(result.path("id").asText(), 1, Integer::sum);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
