package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue services across a broker SIGKILL and restart: a producer waiting in {@code --join}, two consumers
 * eating and a third that owns no partition all ride it out; every item is eaten once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class QueueBrokerRestartIT {
    private static final Duration EXIT = Duration.ofSeconds(120);
    private static final int ITEMS = 300;

    private final List<ServiceProcess> processes = new ArrayList<>();

    @Test
    void producerJoinAndConsumersRideOutABrokerKillAndEveryItemIsEatenOnce(@TempDir Path dataDir) throws Exception {
        BrokerFaults.assumeNotOnDockerStage();
        int port = BrokerProcess.freePorts(1);
        try (BrokerProcess broker = BrokerProcess.start("broker", dataDir, port);
             ProcessKafka kafka = new ProcessKafka("localhost:" + port)) {
            long start = System.nanoTime();
            Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "KPOOL_QUEUE_TOPIC", kafka.createTopic("restart-queue", 2), "KPOOL_QUEUE_GROUP", kafka.uniqueName("eaters"));
            List<ServiceProcess> consumers = List.of(service("alex", "kpool.consumer.jar", env, "--name", "alex", "--delay-ms", "40"),
                    service("egon", "kpool.consumer.jar", env, "--name", "egon", "--delay-ms", "40"));
            await().atMost(EXIT).until(() -> consumers.stream().allMatch(c -> c.hasLine(l -> l.contains("was assigned partitions [")
                    && !l.contains("[]"))));
            ServiceProcess idle = service("idle", "kpool.consumer.jar", env, "--name", "idle", "--delay-ms", "40");
            ServiceProcess producer = service("producer", "kpool.producer.jar", env, "produce", "--name", "p", "--food", "包子",
                    "--count", Integer.toString(ITEMS), "--join", "--join-timeout", "PT100S");
            await().atMost(EXIT).until(() -> EatenItems.by(consumers).size() >= 40);
            int eatenAtKill = EatenItems.by(consumers).size();

            broker.kill();
            broker.restart();

            assertThat(producer.waitForExit(EXIT)).as("produce --join exit code").isZero();
            assertThat(service("pills", "kpool.producer.jar", env, "pills").waitForExit(EXIT)).isZero();
            List<ServiceProcess> all = List.of(consumers.get(0), consumers.get(1), idle);
            for (ServiceProcess consumer : all) {
                assertThat(consumer.waitForExit(EXIT)).as("consumer exit code").isZero();
            }
            List<String> eaten = EatenItems.by(all);
            System.out.println(String.format(Locale.ROOT, "FAULT MATRIX | queue: broker SIGKILL + restart | put %d | eaten %d"
                    + " | eaten twice %d | brokers killed 1 | in flight at the kill %d | %.1f s", ITEMS, eaten.stream().distinct().count(),
                    eaten.size() - eaten.stream().distinct().count(), ITEMS - eatenAtKill, (System.nanoTime() - start) / 1e9));
            assertThat(eaten).containsExactlyInAnyOrderElementsOf(IntStream.range(0, ITEMS).mapToObj(i -> "包子" + i).toList());
        } finally {
            processes.forEach(ServiceProcess::close);
        }
    }

    private ServiceProcess service(String label, String jar, Map<String, String> env, String... args) {
        ServiceProcess process = ServiceProcess.start(label, jar, env, args);
        processes.add(process);
        return process;
    }
}
