package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.RemoteTaskException;
import io.kpool.pool.TaskCall;
import io.kpool.pool.StoredTaskState;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Task states by id from other JVMs (the state topic), and {@code kpool inspect task|lag|dlt} as its own process
 * against a running pool-worker process.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TaskStatesIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PoolProcesses processes;
    private TestKafka kafka;
    private String tasksTopic;
    private String stateTopic;
    private String group;

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
        stateTopic = kafka.uniqueName("states");
        Map<String, String> settings = new HashMap<>(PoolProcesses.CLASSIC_QUICK_FAILOVER);
        settings.put("KPOOL_POOL_STATE_TOPIC", stateTopic);
        processes = new PoolProcesses(kafka, "states", PARTITIONS, settings);
        tasksTopic = processes.tasksTopic();
        group = processes.group();
    }

    @AfterEach
    void tearDown() {
        processes.close();
    }

    @Test
    void aTasksStateIsReadByIdFromOtherJvmsUntilForgottenAndInspectShowsLagAndDeadLetters() throws Exception {
        ServiceProcess worker = processes.start("worker", "kpool.pool-worker.jar", Map.of(), "--name", "stateful",
                "--processes", "1");
        await().atMost(WAIT).until(() -> worker.hasLine(line -> line.contains("stateful was assigned partitions")));
        Pool submitter = pool("submitter");

        AsyncResult<Object> square = submitter.applyAsync("square", 7);
        AsyncResult<Object> failing = submitter.applyAsync("fail", "no luck");
        assertThat(square.get(WAIT)).isEqualTo(49);
        assertThat(failing.waitFor(WAIT)).isTrue();
        AsyncResult<Object> sleeping = submitter.applyAsync("sleep", 2);
        String sleepingId = sleeping.id().orElseThrow();
        Pool reader = pool("reader"); // another client: it submitted none of these
        await().atMost(WAIT).until(() -> reader.result(sleepingId).state().status() == StoredTaskState.Status.STARTED);
        AsyncResult<Object> late = submitter.applyAsync(TaskCall.of("square", 3).expires(Duration.ofMillis(300)));
        assertThat(late.waitFor(WAIT)).isTrue();
        assertThat(sleeping.waitFor(WAIT)).isTrue();

        String squareId = square.id().orElseThrow();
        assertThat(reader.result(squareId).get(WAIT)).isEqualTo(49);
        assertThatThrownBy(() -> reader.result(failing.id().orElseThrow()).get(WAIT)).isInstanceOf(RemoteTaskException.class)
                .hasMessageContaining("no luck");

        JsonNode success = inspectTask(squareId);
        assertThat(success.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(success.path("result").asInt()).isEqualTo(49);
        assertThat(success.path("task").asText()).isEqualTo("square");
        assertThat(success.path("worker").asText()).isEqualTo("stateful");
        JsonNode failure = inspectTask(failing.id().orElseThrow());
        assertThat(failure.path("status").asText()).isEqualTo("FAILURE");
        assertThat(failure.path("error").asText()).isEqualTo("java.lang.IllegalStateException: no luck");
        assertThat(inspectTask(late.id().orElseThrow()).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(inspectTask(sleepingId).path("status").asText()).isEqualTo("SUCCESS");
        assertThat(inspectTask("submitter-no-such-task").path("status").asText()).isEqualTo("PENDING");

        ServiceProcess forget = processes.start("forget", "kpool.cli.jar", Map.of(), "inspect", "task", squareId, "--forget");
        assertThat(forget.waitForExit(WAIT)).isZero();
        assertThat(inspectTask(squareId).path("status").asText()).isEqualTo("PENDING");
        assertThat(reader.result(squareId).state().status()).isEqualTo(StoredTaskState.Status.PENDING);

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(tasksTopic, 0, null, "not json\nat all".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).until(() -> inspect("inspect", "dlt", "--topic", tasksTopic + ".DLT", "--json").size() == 1);
        JsonNode letter = inspect("inspect", "dlt", "--topic", tasksTopic + ".DLT", "--json").get(0);
        assertThat(letter.path("sourceTopic").asText()).isEqualTo(tasksTopic);
        assertThat(letter.path("sourcePartition").asText()).isEqualTo("0");
        assertThat(letter.path("error").asText()).isNotBlank();
        assertThat(letter.path("value").asText()).isEqualTo("\"not json\\u000aat all\"");

        worker.terminate();
        assertThat(worker.waitForExit(WAIT)).isZero();
        for (int i = 0; i < 5; i++) {
            submitter.applyAsync("square", i); // no worker: these stay on the tasks topic
        }
        await().atMost(WAIT).until(() -> lagFromAdmin().values().stream().mapToLong(Long::longValue).sum() == 5);
        JsonNode lag = inspect("inspect", "lag", "--json", "--queue-topic", kafka.uniqueName("no-queue"));
        Map<Integer, Long> reported = new HashMap<>();
        lag.forEach(entry -> {
            assertThat(entry.path("group").asText()).isEqualTo(group);
            assertThat(entry.path("topic").asText()).isEqualTo(tasksTopic);
            reported.put(entry.path("partition").asInt(), entry.path("lag").asLong());
        });
        assertThat(reported).isEqualTo(lagFromAdmin());
    }

    @Test
    void inspectWorkersListsTheLiveWorkersWithTheirThreadsTasksAndWhatTheyRunNow() throws Exception {
        ServiceProcess alpha = processes.start("alpha", "kpool.pool-worker.jar", Map.of(), "--name", "alpha", "--processes", "2");
        ServiceProcess beta = processes.start("beta", "kpool.pool-worker.jar", Map.of(), "--name", "beta", "--processes", "3",
                "--tasks", "sleep,echo");
        await().atMost(WAIT).until(() -> alpha.hasLine(line -> line.contains("alpha was assigned partitions"))
                && beta.hasLine(line -> line.contains("beta was assigned partitions")));
        Pool submitter = pool("sleeper");
        List<AsyncResult<Object>> sleeps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sleeps.add(submitter.applyAsync("sleep", 4));
        }
        await().atMost(WAIT).until(() -> running(inspect("inspect", "workers", "--json")) >= 1);

        JsonNode workers = inspect("inspect", "workers", "--json");
        assertThat(workers).hasSize(2);
        assertThat(workers.get(0).path("worker").asText()).isEqualTo("alpha");
        assertThat(workers.get(0).path("threads").asInt()).isEqualTo(2);
        assertThat(workers.get(0).path("tasks").toString()).isEqualTo("[\"echo\",\"fail\",\"flaky\",\"sleep\",\"square\"]");
        assertThat(workers.get(1).path("worker").asText()).isEqualTo("beta");
        assertThat(workers.get(1).path("threads").asInt()).isEqualTo(3);
        assertThat(workers.get(1).path("tasks").toString()).isEqualTo("[\"echo\",\"sleep\"]");
        List<String> sleepIds = sleeps.stream().map(result -> result.id().orElseThrow()).toList();
        workers.forEach(worker -> worker.path("running").forEach(task -> {
            assertThat(task.path("task").asText()).isEqualTo("sleep");
            assertThat(sleepIds).contains(task.path("id").asText());
        }));

        beta.terminate();
        assertThat(beta.waitForExit(WAIT)).isZero();
        JsonNode afterStop = inspect("inspect", "workers", "--json");
        assertThat(afterStop).hasSize(1);
        assertThat(afterStop.get(0).path("worker").asText()).isEqualTo("alpha");
        sleeps.forEach(result -> assertThat(result.waitFor(WAIT)).isTrue());
    }

    @Test
    void aClientWarnsOnceWhenNoLiveWorkerAnswersAndNotWhenOneDoes() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("io.kpool.pool.internal.client.NoWorkerWarning");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            pool("alone");
            await().atMost(WAIT).until(() -> lines.list.stream().anyMatch(line -> line.getFormattedMessage()
                    .equals("alone: no live pool worker answered on '" + tasksTopic + ".control' within PT3S: tasks submitted to '"
                            + tasksTopic + "' wait until a worker starts")));

            ServiceProcess worker = processes.start("worker", "kpool.pool-worker.jar", Map.of(), "--name", "alive",
                    "--processes", "1");
            await().atMost(WAIT).until(() -> worker.hasLine(line -> line.contains("alive was assigned partitions")));
            lines.list.clear();
            Pool accompanied = pool("accompanied");
            assertThat(accompanied.apply(TaskCall.of("square", 5).returning(Integer.class))).isEqualTo(25);
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() -> lines.list.isEmpty());
        } finally {
            logger.detachAppender(lines);
        }
    }

    private static int running(JsonNode workers) {
        int running = 0;
        for (JsonNode worker : workers) {
            running += worker.path("running").size();
        }
        return running;
    }

    private Pool pool(String name) {
        return processes.pool(PoolClientOptions.builder().stateTopic(stateTopic).clientId(name));
    }

    private JsonNode inspectTask(String id) throws Exception {
        return inspect("inspect", "task", id, "--json");
    }

    /** Runs {@code kpool ARGS} as its own JVM and reads its JSON output. */
    private JsonNode inspect(String... args) throws Exception {
        ServiceProcess cli = processes.start("kpool", "kpool.cli.jar", Map.of(), args);
        assertThat(cli.waitForExit(WAIT)).isZero();
        String output = cli.lines().stream().filter(line -> !line.contains("|-INFO in ch.qos")).collect(Collectors.joining("\n"));
        return JSON.readTree(output.substring(Math.min(indexOfJson(output), output.length())));
    }

    private static int indexOfJson(String output) {
        int object = output.indexOf('{');
        int array = output.indexOf('[');
        return object < 0 ? array : array < 0 ? object : Math.min(object, array);
    }

    /** @return per partition of the tasks topic, the records after the group's committed offset */
    private Map<Integer, Long> lagFromAdmin() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(tasksTopic, p), p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> committed = kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        return kafka.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset() - committed.getOrDefault(e.getKey(), 0L)));
    }

}
