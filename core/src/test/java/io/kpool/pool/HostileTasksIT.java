package io.kpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kpool.core.DeadLetterHeaders;
import io.kpool.core.KpoolConfig;
import io.kpool.core.internal.kafka.Resender;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.ResultWire;
import io.kpool.pool.internal.wire.RetryTiers;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Task records a foreign client could write, each of which used to stop a pool worker (and every worker
 * after it), sent between good tasks: the worker stays up, dead-letters what can never be answered,
 * answers what it can, and its group commits to the end of the tasks topic.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HostileTasksIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private PoolFixture fixture;
    private TestKafka kafka;
    private String tasks;
    private String callbacks;
    private String group;
    private PoolWorker worker;

    /** Doubles an integer: a quick task. */
    private static final Task TIMES_TWO = new Task() {
        @Override
        public String name() {
            return "x2";
        }

        @Override
        public Object execute(TaskArguments arguments) {
            return 2 * arguments.getLong(0);
        }
    };

    /** Returns what JSON cannot carry. */
    private static final Task INFINITE = new Task() {
        @Override
        public String name() {
            return "inf";
        }

        @Override
        public Object execute(TaskArguments arguments) {
            return List.of(1.0, Double.POSITIVE_INFINITY);
        }
    };

    /** How often each id ran: the counting task's argument. */
    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    /** Counts its runs by its argument. */
    private static final Task COUNT = new Task() {
        @Override
        public String name() {
            return "count";
        }

        @Override
        public Object execute(TaskArguments arguments) {
            return RUNS.computeIfAbsent(arguments.getString(0), id -> new AtomicInteger()).incrementAndGet();
        }
    };

    @BeforeEach
    void startWorker(TestKafka kafka) {
        this.kafka = kafka;
        fixture = new PoolFixture(kafka, "hostile", 2, 2);
        tasks = fixture.tasksTopic();
        callbacks = fixture.callbackTopic();
        group = fixture.group();
        worker = PoolWorker.start(fixture.worker().processes(2).clientId("hostile-worker").build(),
                TaskRegistry.installed().with(TIMES_TWO).with(INFINITE).with(COUNT).with(RetriesIT.FLAKY));
        fixture.track(worker);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private KafkaProducer<byte[], byte[]> rawProducer() {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
        fixture.track(producer);
        return producer;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, String type, String value, String... headerPairs) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        if (type != null) {
            headers.add("kpool-type", utf8(type));
        }
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], utf8(headerPairs[i + 1]));
        }
        producer.send(new ProducerRecord<byte[], byte[]>(tasks, 0, (byte[]) null, value == null ? null : utf8(value), headers)).get();
    }

    private void sendKeyed(KafkaProducer<byte[], byte[]> producer, String key, String value, boolean sentAgain) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("kpool-type", utf8("task"));
        if (sentAgain) {
            headers.add(Resender.SENT_AGAIN_HEADER, utf8("1"));
        }
        producer.send(new ProducerRecord<>(tasks, 0, utf8(key), utf8(value), headers)).get();
    }

    private static String counted(String id) {
        return "{\"id\":\"" + id + "\",\"task\":\"count\",\"args\":[\"" + id + "\"]}";
    }

    @Test
    void aTaskRecordItsClientSentAgainAfterAnAmbiguousFailureRunsOnceWhenTheBrokerHadStoredTheFirstCopy() throws Exception {
        KafkaProducer<byte[], byte[]> producer = rawProducer();
        sendKeyed(producer, "copy-1", counted("copy-1"), false); // stored, though its producer was told it failed
        sendKeyed(producer, "copy-1", counted("copy-1"), true); // the copy its producer sent again: skipped
        sendKeyed(producer, "copy-2", counted("copy-2"), true); // sent again, its first copy never stored: runs
        sendKeyed(producer, "copy-1", counted("copy-1-other"), true); // a known key, another size: not a copy, runs
        sendKeyed(producer, "copy-1", counted("copy-3"), false); // a known key, no header: runs

        TopicPartition partition = new TopicPartition(tasks, 0);
        await().atMost(WAIT).untilAsserted(() -> {
            OffsetAndMetadata committed = kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(partition);
            assertThat(committed).as("committed %s", partition).isNotNull();
            assertThat(committed.offset()).as("committed to the end of %s", partition).isEqualTo(5);
        });
        assertThat(RUNS).as("runs by id").containsOnlyKeys("copy-1", "copy-2", "copy-1-other", "copy-3");
        assertThat(RUNS.values()).as("each ran once").allMatch(runs -> runs.get() == 1);
        assertThat(worker.isRunning()).isTrue();
    }

    /** A task batch of quick tasks whose ids start with the prefix; under Kafka's default 1 MB record limit. */
    private static String batch(String prefix, int size) {
        String batch = IntStream.range(0, size)
                .mapToObj(i -> "{\"id\":\"" + prefix + "-" + i + "\",\"task\":\"x2\",\"args\":[" + i + "]}")
                .collect(Collectors.joining(",", "{\"id\":\"" + prefix + "-0+" + size + "\",\"tasks\":[", "]}"));
        assertThat(batch.length()).as("under the 1 MB default record limit").isLessThan(1_000_000);
        return batch;
    }

    /** @return every record of the topic up to its current end, once it holds at least {@code atLeast} */
    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, WAIT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            await().atMost(WAIT).until(() -> consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum() >= atLeast);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
            return records;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return record.headers().lastHeader(name) == null ? null : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void recordsThatUsedToStopAWorkerAreDeadLetteredOrAnsweredAndTheWorkerGoesOn() throws Exception {
        Pool pool = fixture.track(Pool.open(fixture.client().replyPartition(0).clientId("hostile-client").build()));
        assertThat(pool.apply(TaskCall.of("x2", 21).returning(Long.class))).isEqualTo(42L);
        KafkaProducer<byte[], byte[]> producer = rawProducer();
        String task = "{\"id\":\"h-%s\",\"task\":\"x2\",\"args\":[1]}";

        send(producer, "task", String.format(task, "negative"), "kpool-reply-partition", "-1");
        send(producer, "task", String.format(task, "beyond"), "kpool-reply-partition", "9999");
        send(producer, "task", String.format(task, "empty-topic"), "kpool-reply-topic", "");
        send(producer, "task", String.format(task, "illegal-topic"), "kpool-reply-topic", "no topic!");
        send(producer, "task", String.format(task, "missing-topic"), "kpool-reply-topic", kafka.uniqueName("nowhere"));
        send(producer, "poison-pill", null);
        send(producer, "task", "null");
        send(producer, "task", "\u0000\u00ff garbage\n2026-11-30 INFO forged log line");
        send(producer, "task-batch", batch("o", 9_000), "kpool-reply-topic", callbacks, "kpool-reply-partition", "1",
                "kpool-client-id", "raw");
        send(producer, "task-batch", batch("b", 20_000), "kpool-reply-topic", callbacks, "kpool-reply-partition", "1",
                "kpool-client-id", "raw");

        assertThatThrownBy(() -> pool.apply("inf")).isInstanceOf(RemoteTaskException.class)
                .hasMessageContaining("JSON cannot carry");
        List<Long> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            after.add(pool.apply(TaskCall.of("x2", i).returning(Long.class)));
        }
        assertThat(after).isEqualTo(IntStream.range(0, 20).mapToObj(i -> 2L * i).toList());

        List<ConsumerRecord<byte[], byte[]>> dead = readAll(tasks + ".DLT", 8);
        assertThat(dead).hasSize(8);
        assertThat(dead).allSatisfy(record -> assertThat(header(record, DeadLetterHeaders.ERROR)).isNotBlank());
        assertThat(dead.stream().map(record -> header(record, DeadLetterHeaders.ERROR)).toList())
                .anyMatch(error -> error.contains("reply partition -1"))
                .anyMatch(error -> error.contains("reply partition 9999 does not exist"))
                .anyMatch(error -> error.contains("does not exist"))
                .anyMatch(error -> error.contains("no legal topic name"))
                .anyMatch(error -> error.contains("poison pill"));

        Set<String> succeeded = new HashSet<>();
        Set<String> refused = new HashSet<>();
        await().atMost(WAIT).untilAsserted(() -> {
            for (ConsumerRecord<byte[], byte[]> record : readAll(callbacks, 2)) {
                if ("raw".equals(header(record, "kpool-client-id"))) {
                    for (ResultMessage result : ResultWire.readResults(record.value(), true)) {
                        if (result.status() == ResultMessage.Status.SUCCESS) {
                            succeeded.add(result.id());
                        } else {
                            assertThat(result.error().message()).contains(KpoolConfig.POOL_MAX_BATCH_TASKS);
                            refused.add(result.id());
                        }
                    }
                }
            }
            assertThat(succeeded).as("every task of the 9,000-task batch answered, in result batches that fit").hasSize(9_000);
            assertThat(refused).as("every task of the 20,000-task batch refused, each with its own failure").hasSize(20_000);
        });

        assertThat(worker.isRunning()).isTrue();
        Map<TopicPartition, Long> ends = kafka.admin().listOffsets(Map.of(new TopicPartition(tasks, 0), OffsetSpec.latest(),
                new TopicPartition(tasks, 1), OffsetSpec.latest())).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        await().atMost(WAIT).untilAsserted(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            ends.forEach((partition, end) -> {
                if (end > 0) {
                    assertThat(committed.get(partition)).as("committed %s", partition).isNotNull();
                    assertThat(committed.get(partition).offset()).as("committed %s", partition).isEqualTo(end);
                }
            });
        });
    }

    @Test
    void aDelayTierRecordDueInTheYear9999OrBeyondWhatAnInstantHoldsDelaysTheRetriesBehindItByTheTiersHoldLimitAtMost()
            throws Exception {
        String tier = tasks + ".retry.1s";
        Pool pool = fixture.track(Pool.open(fixture.client().clientId("after-hostile-tier").build()));
        KafkaProducer<byte[], byte[]> producer = rawProducer();
        int tierPartitions = kafka.admin().describeTopics(List.of(tier)).allTopicNames().get().get(tier).partitions().size();
        for (int partition = 0; partition < tierPartitions; partition++) { // whichever partition the retry goes to, they are ahead of it
            RecordHeaders far = new RecordHeaders();
            far.add(PoolHeaders.DUE_AT, utf8("9999-12-31T23:59:59Z"));
            producer.send(new ProducerRecord<>(tier, partition, (byte[]) null, utf8("{\"not\":\"a task\"}"), far)).get();
            RecordHeaders beyond = new RecordHeaders(); // parses, but its epoch milliseconds overflow a long
            beyond.add(PoolHeaders.DUE_AT, utf8("+1000000000-01-01T00:00:00Z"));
            producer.send(new ProducerRecord<>(tier, partition, (byte[]) null, utf8("not json"), beyond)).get();
        }
        long started = System.nanoTime();

        AsyncResult<Object> result = pool.applyAsync(TaskCall.of("retry.flaky", 1, "done")
                .options(TaskOptions.defaults().retries(2).backoff(new RetryBackoff(Duration.ofMillis(200), 1, Duration.ofSeconds(1), 0))));

        assertThat(result.get(WAIT)).isEqualTo("done");
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("HOSTILE TIER | a retry behind heads due in 9999 on all %d partitions of its tier (1s, held %d s at most)"
                + " arrived after %.1f s%n", tierPartitions, RetryTiers.holdLimit(tier).toSeconds(), seconds);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(worker.isRunning()).as("the worker, after a due time beyond what epoch milliseconds hold").isTrue();
        String lastTier = tasks + ".retry.1h";
        int partitions = kafka.admin().describeTopics(List.of(lastTier)).allTopicNames().get().get(lastTier).partitions().size();
        await().atMost(WAIT).untilAsserted(() -> {
            long moved = 0;
            for (int partition = 0; partition < partitions; partition++) {
                moved += kafka.readPartition(lastTier, partition, "read_committed").stream()
                        .filter(record -> "9999-12-31T23:59:59Z".equals(header(record, PoolHeaders.DUE_AT))).count();
            }
            assertThat(moved).as("the records due in 9999: kept, moved to the end of the tier for such waits").isEqualTo(tierPartitions);
        });
    }
}
