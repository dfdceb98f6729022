package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.TaskCall;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Share mode with every service a separate JVM, on one-partition topics: the seed's N pills for N consumers, pool
 * parallelism beyond partitions, and a SIGKILLed worker's task redelivered to another.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(300)
class ShareServicesIT {
    private static final Duration EXIT = Duration.ofSeconds(90);
    private static final Duration RESULT = Duration.ofSeconds(120);
    private static final TypeReference<Map<String, Object>> PAGE = new TypeReference<>() { };

    private final OpenedResources opened = new OpenedResources();
    private TestKafka kafka;

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
    }

    @AfterEach
    void tearDown() {
        opened.close();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        return opened.track(closeable);
    }

    @Test
    void seedQueueTwoConsumersTwoPillsOnePartitionEveryItemEatenOnceAndBothExitZero() throws Exception {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "KPOOL_QUEUE_TOPIC", kafka.createTopic("share-food", 1), "KPOOL_QUEUE_GROUP", kafka.uniqueName("eaters"),
                "KPOOL_QUEUE_MODE", "share");
        ServiceProcess alex = track(ServiceProcess.start("alex", "kpool.consumer.jar", env, "--name", "alex", "--delay-ms", "20"));
        ServiceProcess egon = track(ServiceProcess.start("egon", "kpool.consumer.jar", env, "--name", "egon", "--delay-ms", "20"));
        List<String> foods = List.of("包子", "泔水", "骨头");
        List<ServiceProcess> producers = foods.stream().map(food -> track(ServiceProcess.start("producer-" + food,
                "kpool.producer.jar", env, "produce", "--name", "producer-" + food, "--food", food, "--count", "10", "--join",
                "--join-timeout", "PT60S"))).toList();
        for (ServiceProcess producer : producers) {
            assertThat(producer.waitForExit(EXIT)).as("produce --join").isZero();
        }
        assertThat(track(ServiceProcess.start("pills", "kpool.producer.jar", env, "pills", "--consumers", "2")).waitForExit(EXIT))
                .isZero();

        assertThat(alex.waitForExit(EXIT)).isZero();
        assertThat(egon.waitForExit(EXIT)).isZero();
        List<String> all = foods.stream().flatMap(food -> IntStream.range(0, 10).mapToObj(i -> food + i)).toList();
        assertThat(EatenItems.by(List.of(alex, egon))).containsExactlyInAnyOrderElementsOf(all);
        assertThat(EatenItems.by(List.of(alex))).as("alex ate from the one partition").isNotEmpty();
        assertThat(EatenItems.by(List.of(egon))).as("egon ate from the one partition").isNotEmpty();
        for (ServiceProcess consumer : List.of(alex, egon)) {
            assertThat(consumer.lines().stream().filter(line -> line.contains("took a poison pill")).count()).isEqualTo(1);
        }
    }

    @Test
    void threeWorkersOnAOnePartitionTasksTopicKeepEveryThreadBusyAndEveryResultArrivesOnce() throws Exception {
        HoldingHttpServer server = track(new HoldingHttpServer());
        Pools pools = new Pools("share-parallel");
        int workers = 3;
        int threads = 3;
        for (int i = 0; i < workers; i++) {
            pools.worker("w" + i, threads);
        }
        pools.awaitMembers(workers);
        Pool pool = pools.client();
        List<AtomicInteger> callbacks = new ArrayList<>();
        List<AsyncResult<Map<String, Object>>> results = new ArrayList<>();
        int tasks = workers * threads * 2;
        for (int i = 0; i < tasks; i++) {
            AtomicInteger calls = new AtomicInteger();
            callbacks.add(calls);
            results.add(pool.applyAsync(TaskCall.of("http.get", server.url("task-" + i)).kwarg("timeout_s", 120).returning(PAGE), result -> calls.incrementAndGet(), null));
        }

        await().atMost(RESULT).until(() -> server.open() == workers * threads);
        System.out.printf("SHARE PARALLELISM: 1 tasks partition, %d workers x %d threads: %d tasks running at once%n", workers,
                threads, server.open());
        server.release();
        for (AsyncResult<Map<String, Object>> result : results) {
            assertThat(result.get(RESULT)).containsEntry("status", 200);
        }
        assertThat(pool.apply(TaskCall.of("echo", "fence").returning(String.class))).isEqualTo("fence");
        assertThat(callbacks).allSatisfy(calls -> assertThat(calls.get()).isEqualTo(1));
        assertThat(server.requests()).as("each task ran once").isEqualTo(tasks);
        assertThat(server.peak()).as("never more running than threads").isEqualTo(workers * threads);
    }

    @Test
    void aWorkerKilledMidTaskHasItsTaskRedeliveredAndFinishedByAnother() throws Exception {
        HoldingHttpServer server = track(new HoldingHttpServer());
        Pools pools = new Pools("share-kill");
        ServiceProcess victim = pools.worker("victim", 1);
        pools.awaitMembers(1);
        Pool pool = pools.client();
        AsyncResult<Map<String, Object>> result = pool.applyAsync(TaskCall.of("http.get", server.url("long")).kwarg("timeout_s", 120).returning(PAGE));
        await().atMost(RESULT).until(() -> server.requests() == 1);

        pools.worker("survivor", 1);
        pools.awaitMembers(2);
        victim.kill();
        // the victim's record lock (15 s) runs out and the survivor gets the task
        await().atMost(RESULT).until(() -> server.requests() == 2);
        server.release();

        assertThat(result.get(RESULT)).containsEntry("status", 200);
        assertThat(pool.apply(TaskCall.of("echo", "fence").returning(String.class))).isEqualTo("fence");
        assertThat(result.ready()).isTrue();
    }

    /** Pool workers in share mode on a one-partition tasks topic, and their client. */
    private final class Pools {
        private final PoolProcesses processes;

        Pools(String prefix) {
            processes = track(new PoolProcesses(kafka, prefix, 1, Map.of("KPOOL_SHARE_RECORD_LOCK_MS", "15000")));
        }

        ServiceProcess worker(String name, int threads) {
            return processes.worker(name, threads, Map.of(), "--mode", "share", "--tasks", "http.get,echo");
        }

        void awaitMembers(int count) {
            String group = processes.group();
            await().atMost(RESULT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> kafka.admin().describeShareGroups(List.of(group))
                    .all().get(10, TimeUnit.SECONDS).get(group).members().size() == count);
        }

        Pool client() {
            return processes.pool("client");
        }
    }
}
