package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A pool client JVM SIGKILLed while its tasks run and wait on a worker: the tasks a worker has not started by
 * their expiry (the client's task timeout) are answered FAILURE without running, and a new client that
 * reuses the dead one's client id — so reads the same reply partition, with the same client header — gets
 * none of the dead client's results, only its own.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PoolClientFaultsIT {
    private static final int PARTITIONS = 2;
    private static final int PROCESSES = 2;
    private static final String CLIENT_ID = "reused-client";
    private static final int DEAD_TASKS = 10;

    private PoolFleet fleet;

    @BeforeEach
    void setUp(TestKafka kafka) throws Exception {
        fleet = new PoolFleet(kafka, PARTITIONS, PROCESSES, Map.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        fleet.close();
    }

    @Test
    void aKilledClientsTasksExpireUnrunAndANewClientWithItsIdGetsNoneOfItsResults() throws Exception {
        fleet.assignedWorker();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ServiceProcess client = ServiceProcess.startMain("dying-client", classpath, DyingPoolClient.class.getName(), Map.of(),
                fleet.kafka().bootstrapServers(), fleet.tasksTopic(), fleet.callbackTopic(), CLIENT_ID,
                Integer.toString(DEAD_TASKS), "3", "PT5S");
        await().atMost(PoolFleet.STEP).until(() -> deadTasks().size() == DEAD_TASKS
                && fleet.executions().of("dead").count() >= PROCESSES);
        client.kill();
        long answeredAtKill = CallbackResults.read(fleet.kafka(), fleet.callbackTopic()).answeredIds().size();

        Pool fresh = fleet.pool(PoolClientOptions.builder().clientId(CLIENT_ID).taskTimeout(Duration.ofSeconds(60)));
        fleet.submitRecorded(fresh, "new", 4, 0.2);
        CallbackResults topic = fleet.settle(fresh);

        Map<String, JsonNode> dead = deadTasks();
        Executions deadRuns = fleet.executions().of("dead");
        Set<String> expired = dead.keySet().stream().filter(id -> topic.failures().getOrDefault(id, "").contains("expired"))
                .collect(Collectors.toSet());
        Set<String> expiredMarkers = expired.stream().map(id -> marker(dead.get(id))).collect(Collectors.toSet());
        long delivered = fleet.delivered();
        Figures figures = new Figures("client SIGKILLed, its id reused", DEAD_TASKS + fleet.submitted().size(), delivered,
                fleet.deliveredTwice(), topic.results() - 1, topic.duplicates(), 1, DEAD_TASKS - answeredAtKill, fleet.seconds(),
                fleet.executions().count(), fleet.executions().duplicates());
        System.out.println(figures.line());
        System.out.println("FAULT MATRIX | client SIGKILLed | its tasks run " + deadRuns.count() + ", expired unrun " + expired.size()
                + " | the new client's results: " + delivered + " of " + fleet.submitted().size() + ", none of the dead client's");

        assertThat(topic.answeredIds()).as("every task of the dead client answered on the topic").containsAll(dead.keySet());
        assertThat(deadRuns.all()).as("each run started before its task expired").allSatisfy(run -> assertThat(run.startMillis())
                .isLessThan(expiresAt(dead, run.marker()).toEpochMilli()));
        assertThat(expired).as("tasks of the dead client that expired before a worker got to them").isNotEmpty();
        assertThat(deadRuns.all()).as("expired tasks never ran").noneMatch(run -> expiredMarkers.contains(run.marker()));
        assertThat(deadRuns.count() + expired.size()).as("each task of the dead client either ran once or expired").isEqualTo(DEAD_TASKS);
        assertThat(fleet.submitted()).as("the new client gets its own results, once each, and nothing else")
                .allSatisfy(s -> {
                    assertThat(s.result().get(Duration.ZERO)).isEqualTo(s.marker());
                    assertThat(s.deliveries()).hasValue(1);
                });
        assertThat(figures.duplicateExecutions()).as("tasks run twice").isZero();
    }

    /** @return the dead client's tasks on the tasks topic, by task id */
    private Map<String, JsonNode> deadTasks() {
        Map<String, JsonNode> tasks = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : RawKafka.readAll(fleet.kafka(), fleet.tasksTopic())) {
            InFlightTasks.tasks(record.value()).stream().filter(task -> marker(task).startsWith("dead"))
                    .forEach(task -> tasks.put(task.path("id").asText(), task));
        }
        return tasks;
    }

    private static String marker(JsonNode task) {
        return task.path("args").path(0).asText();
    }

    private static Instant expiresAt(Map<String, JsonNode> tasks, String marker) {
        return tasks.values().stream().filter(task -> marker(task).equals(marker)).findFirst()
                .map(task -> Instant.parse(task.path("expiresAt").asText())).orElseThrow();
    }
}
