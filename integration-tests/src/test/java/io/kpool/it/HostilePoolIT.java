package io.kpool.it;

import static io.kpool.it.HostileRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.TaskCall;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A pool-worker process fed thousands of generated task records by a foreign client, good tasks
 * interleaved with every kind of bad one, while a Pool client submits tasks of its own: the worker stays
 * up, answers every good task exactly once and correctly, answers each task it cannot run with one
 * FAILURE, dead-letters each record that is no task or whose result could never be delivered, and its
 * group commits to the end.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HostilePoolIT {
    private static final long SEED = 20261201L;
    private static final int RECORDS = 3_000;
    private static final int POOL_TASKS = 200;
    private static final int PARTITIONS = 4;
    private static final Duration WAIT = Duration.ofSeconds(180);

    private PoolProcesses processes;
    private TestKafka kafka;
    private String tasksTopic;

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
        processes = new PoolProcesses(kafka, "hostile", PARTITIONS, PoolProcesses.CLASSIC_QUICK_FAILOVER);
        tasksTopic = processes.tasksTopic();
    }

    @AfterEach
    void tearDown() {
        processes.close();
    }

    private ServiceProcess assignedWorker(String name) {
        return PoolProcesses.assigned(processes.worker(name, 4, Map.of()), name, WAIT);
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aWorkerFedThousandsOfHostileTaskRecordsAnswersEveryGoodTaskOnceDeadLettersEveryBadOneAndStaysUp() throws Exception {
        System.out.println("HostilePoolIT seed " + SEED);
        HostileTasks generator = new HostileTasks(new HostileRecords(SEED), tasksTopic, processes.callbackTopic(), PARTITIONS);
        List<HostileTasks.Generated> generated = new ArrayList<>();
        for (int n = 0; n < RECORDS; n++) {
            generated.add(generator.next(n));
        }
        ServiceProcess worker = assignedWorker("hostile-worker");
        Pool pool = processes.pool("main");

        List<AsyncResult<Long>> poolResults = new ArrayList<>();
        Map<TopicPartition, List<Long>> deadOffsets = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = RawKafka.producer(kafka)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int n = 0; n < RECORDS; n++) {
                sent.add(producer.send(generated.get(n).record()));
                if (n % (RECORDS / POOL_TASKS) == 0 && poolResults.size() < POOL_TASKS) {
                    poolResults.add(pool.applyAsync(TaskCall.of("square", poolResults.size()).returning(Long.class)));
                }
            }
            for (int n = 0; n < RECORDS; n++) {
                RecordMetadata metadata = sent.get(n).get(60, TimeUnit.SECONDS);
                if (generated.get(n).expect() == HostileTasks.Expect.DEAD_LETTER) {
                    deadOffsets.computeIfAbsent(new TopicPartition(tasksTopic, metadata.partition()), p -> new ArrayList<>()).add(metadata.offset());
                }
            }
        }
        for (int i = 0; i < poolResults.size(); i++) {
            assertThat(poolResults.get(i).get(WAIT)).as("the Pool client's square(%d)", i).isEqualTo((long) i * i);
        }
        long expectedDead = deadOffsets.values().stream().mapToLong(List::size).sum();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> RawKafka.uncommitted(kafka, processes.group(), tasksTopic, PARTITIONS) == 0);

        List<ConsumerRecord<byte[], byte[]>> deadLetters = RawKafka.readAll(kafka, tasksTopic + ".DLT");
        Map<String, List<JsonNode>> results = resultsById(RawKafka.readAll(kafka, processes.callbackTopic()));
        Map<String, Integer> byKind = new TreeMap<>();
        generated.forEach(g -> byKind.merge(g.expect() + "/" + g.kind(), 1, Integer::sum));
        long good = generated.stream().filter(g -> g.expect() == HostileTasks.Expect.SUCCESS).mapToLong(g -> g.tasks().size()).sum();
        long failures = generated.stream().filter(g -> g.expect() == HostileTasks.Expect.FAILURE).count();
        System.out.printf("HostilePoolIT figures: seed %d, records sent %d (+%d by the Pool client), good tasks %d, expected FAILUREs %d,"
                        + " bad records %d, dead letters %d, results on the callback topic %d; records by expectation/kind %s%n",
                SEED, RECORDS, POOL_TASKS, good, failures, expectedDead, deadLetters.size(),
                results.values().stream().mapToInt(List::size).sum(), byKind);

        assertThat(worker.isAlive()).as("the worker is alive after every record").isTrue();
        for (HostileTasks.Generated g : generated) {
            for (Map.Entry<String, JsonNode> task : g.tasks().entrySet()) {
                List<JsonNode> answers = results.getOrDefault(task.getKey(), List.of());
                switch (g.expect()) {
                    case SUCCESS -> assertThat(answers).as("%s %s: one SUCCESS with the right result", g.kind(), task.getKey())
                            .singleElement().satisfies(answer -> {
                                assertThat(answer.path("status").asText()).isEqualTo("SUCCESS");
                                assertThat(answer.path("result").toString()).isEqualTo(task.getValue().toString());
                            });
                    case FAILURE -> assertThat(answers).as("%s %s: one FAILURE", g.kind(), task.getKey())
                            .singleElement().satisfies(answer -> assertThat(answer.path("status").asText()).isEqualTo("FAILURE"));
                    case DEAD_LETTER -> assertThat(answers).as("%s %s: dead-lettered, not answered", g.kind(), task.getKey()).isEmpty();
                }
            }
        }
        long poolAnswers = results.entrySet().stream().filter(e -> e.getKey().startsWith("main-")).mapToLong(e -> e.getValue().size()).sum();
        assertThat(poolAnswers).as("the Pool client's tasks answered once each").isEqualTo(POOL_TASKS);
        assertThat(deadLetters).as("every dead letter names its error").allSatisfy(letter -> {
            assertThat(header(letter, "kpool-dlt-error")).isNotBlank();
            assertThat(header(letter, "kpool-dlt-source-topic")).isEqualTo(tasksTopic);
        });
        Map<TopicPartition, List<Long>> deadLettered = deadLetters.stream().collect(Collectors.groupingBy(
                letter -> new TopicPartition(tasksTopic, Integer.parseInt(header(letter, "kpool-dlt-source-partition"))),
                Collectors.mapping(letter -> Long.parseLong(header(letter, "kpool-dlt-source-offset")), Collectors.toList())));
        deadLettered.values().forEach(list -> list.sort(null));
        assertThat(deadLettered).as("each bad record dead-lettered exactly once, and nothing else").isEqualTo(deadOffsets);

        worker.terminate();
        assertThat(worker.waitForExit(Duration.ofSeconds(60))).as("exit code on SIGTERM").isZero();
    }

    /** @return every answer on the callback topic (results, and the entries of result batches) by task id */
    private static Map<String, List<JsonNode>> resultsById(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<JsonNode>> byId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode value = HostileRecords.read(record.value());
            List<JsonNode> entries = new ArrayList<>();
            if (value.has("results")) {
                value.get("results").forEach(entries::add);
            } else {
                entries.add(value);
            }
            entries.forEach(entry -> byId.computeIfAbsent(entry.path("id").asText(), id -> new ArrayList<>()).add(entry));
        }
        return byId;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
