package io.kpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kpool.core.DeadLetterHeaders;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failed tasks are retried through delay tiers, keep their count, block no partition and end in the DLT: on a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(180)
class RetriesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicBoolean BROKEN = new AtomicBoolean(true);

    /** {@code retry.flaky(failures, value)}: fails its first {@code failures} attempts (from the attempt header), then returns value. */
    static final Task FLAKY = new Task() {
        @Override
        public String name() {
            return "retry.flaky";
        }

        @Override
        public Object execute(TaskArguments arguments) {
            if (arguments.attempt() <= arguments.getLong(0)) {
                throw new IllegalStateException("attempt " + arguments.attempt() + " fails on purpose");
            }
            return arguments.getString(1);
        }
    };

    /** {@code retry.gate()}: fails with an UnsupportedOperationException while BROKEN, as a bug fixed by the next deploy. */
    private static final Task GATE = new Task() {
        @Override
        public String name() {
            return "retry.gate";
        }

        @Override
        public Object execute(TaskArguments arguments) {
            if (BROKEN.get()) {
                throw new UnsupportedOperationException("not fixed yet");
            }
            return "fixed";
        }
    };

    private PoolFixture fixture;
    private TestKafka kafka;
    private PoolClientOptions client;
    private PoolWorkerOptions worker;

    @BeforeEach
    void topics(TestKafka kafka) {
        this.kafka = kafka;
        fixture = new PoolFixture(kafka, "retry", 1, 1);
        client = fixture.client().replyPartition(0).build();
        worker = fixture.worker().tasksPartitions(1).processes(2).build();
        BROKEN.set(true);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        return fixture.track(closeable);
    }

    private PoolWorker startWorker(String name) {
        return track(PoolWorker.start(worker.toBuilder().clientId(name).build(), TaskRegistry.installed().with(FLAKY).with(GATE)));
    }

    private static TaskOptions backoff(Duration initial, double multiplier, int retries) {
        return TaskOptions.defaults().retries(retries).backoff(new RetryBackoff(initial, multiplier, Duration.ofMinutes(1), 0));
    }

    @Test
    void aTaskFailingTwiceThenSucceedingReturnsItsValueOnceAfterThreeAttemptsWithItsDelaysKept() {
        startWorker("w1");
        Pool pool = track(Pool.open(client.toBuilder().clientId("caller").build()));
        AtomicInteger callbacks = new AtomicInteger();

        AsyncResult<Object> result = pool.applyAsync(TaskCall.of("retry.flaky", 2, "done").options(backoff(Duration.ofSeconds(1), 2, 3)),
                value -> callbacks.incrementAndGet(), error -> callbacks.incrementAndGet());
        await().atMost(WAIT).until(() -> result.state() == TaskState.RETRY);
        assertThat(result.attempts()).isBetween(1, 2);

        assertThat(result.get(WAIT)).isEqualTo("done");
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.state()).isEqualTo(TaskState.SUCCESS);
        await().atMost(WAIT).until(() -> callbacks.get() == 1);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> callbacks.get() == 1);

        // the delays, from the records' timestamps: stored in a tier → back on the tasks topic
        List<ConsumerRecord<byte[], byte[]>> tasks = records(worker.tasksTopic());
        List<ConsumerRecord<byte[], byte[]>> tiered = new ArrayList<>(records(worker.tasksTopic() + ".retry.1s"));
        assertThat(tasks).hasSize(3);
        assertThat(tiered).hasSize(2);
        for (int retry = 1; retry <= 2; retry++) {
            long stored = tiered.get(retry - 1).timestamp();
            long back = tasks.get(retry).timestamp();
            long expected = retry == 1 ? 1000 : 2000;
            System.out.printf("RETRY DELAY retry %d: expected %d ms, measured %d ms%n", retry, expected, back - stored);
            assertThat(back - stored).as("retry %d's delay", retry).isBetween(expected - 100, expected + 1000);
            assertThat(header(tasks.get(retry), PoolHeaders.ATTEMPT)).isEqualTo(Integer.toString(retry + 1));
        }
    }

    @Test
    void theWorkersMetersCountEachRetryAndEachAttemptReceivedAndTheSuccessOnce() {
        MeterRegistry registry = failTwiceThenSucceedOnAMeteredWorker();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(registry.get("kpool.task.succeeded").tag("task", "retry.flaky").counter().count()).isEqualTo(1));
        assertThat(registry.get("kpool.task.received").tag("task", "retry.flaky").counter().count()).isEqualTo(3);
        assertThat(registry.get("kpool.task.retried").tag("task", "retry.flaky").counter().count()).isEqualTo(2);
        assertThat(registry.find("kpool.task.failed").tag("task", "retry.flaky").counters()).isEmpty();
        assertThat(registry.get("kpool.task.duration").tag("task", "retry.flaky").timers()).singleElement()
                .satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
    }

    @Test
    void aRetriedAttemptIsNoLongerInFlight() {
        MeterRegistry registry = failTwiceThenSucceedOnAMeteredWorker();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(registry.get("kpool.tasks.in.flight").gauge().value()).isZero());
    }

    /** @return the meters of a worker that ran {@code retry.flaky(2, "done")}: two failed attempts, retried, then a success */
    private MeterRegistry failTwiceThenSucceedOnAMeteredWorker() {
        MeterRegistry registry = new SimpleMeterRegistry();
        track(PoolWorker.start(worker.toBuilder().clientId("metered").build(), TaskRegistry.installed().with(FLAKY), registry));
        Pool pool = track(Pool.open(client.toBuilder().clientId("caller").build()));
        assertThat(pool.applyAsync(TaskCall.of("retry.flaky", 2, "done").options(backoff(Duration.ofMillis(100), 1, 3))).get(WAIT))
                .isEqualTo("done");
        return registry;
    }

    @Test
    void aQuickTaskBehindATaskInBackoffOnTheSamePartitionFinishesFirst() {
        startWorker("w1");
        Pool pool = track(Pool.open(client.toBuilder().clientId("caller").build()));

        AsyncResult<Object> flaky = pool.applyAsync(TaskCall.of("retry.flaky", 1, "late").options(backoff(Duration.ofSeconds(5), 1, 1)));
        await().atMost(WAIT).until(() -> flaky.state() == TaskState.RETRY);
        Instant quickSent = Instant.now();
        assertThat(pool.apply("square", 7)).isEqualTo(49);

        assertThat(Duration.between(quickSent, Instant.now())).isLessThan(Duration.ofSeconds(3));
        assertThat(flaky.ready()).as("the retried task still waits its 5 s").isFalse();
        assertThat(flaky.get(WAIT)).isEqualTo("late");
        assertThat(flaky.attempts()).isEqualTo(2);
    }

    @Test
    void aRebalanceDuringBackoffKeepsTheAttemptCount() {
        PoolWorker first = startWorker("w1");
        Pool pool = track(Pool.open(client.toBuilder().clientId("caller").build()));

        AsyncResult<Object> result = pool.applyAsync(TaskCall.of("retry.flaky", 2, "kept").options(backoff(Duration.ofSeconds(4), 1, 2)));
        await().atMost(WAIT).until(() -> result.state() == TaskState.RETRY);
        startWorker("w2"); // the groups rebalance while the retry waits in its tier
        first.close(Duration.ofSeconds(10)); // and again: its partitions, tier partitions included, move to w2

        assertThat(result.get(WAIT)).isEqualTo("kept");
        assertThat(result.attempts()).as("two failures before the success, though a worker left between them").isEqualTo(3);
    }

    @Test
    void aTaskOutOfAttemptsLandsInTheDltWithItsHeadersAndItsClientGetsTheFailureWithItsHistory() {
        startWorker("w1");
        Pool pool = track(Pool.open(client.toBuilder().clientId("caller").build()));
        AtomicInteger errors = new AtomicInteger();

        AsyncResult<Object> result = pool.applyAsync(TaskCall.of("retry.flaky", 9, "never").options(backoff(Duration.ofMillis(200), 1, 2)),
                value -> { }, error -> errors.incrementAndGet());

        assertThatThrownBy(() -> result.get(WAIT)).isInstanceOfSatisfying(RemoteTaskException.class, failure -> {
            assertThat(failure.attempts()).isEqualTo(3);
            assertThat(failure.history()).hasSize(3).allSatisfy(line -> assertThat(line).contains("fails on purpose"));
            assertThat(failure.remoteMessage()).isEqualTo("attempt 3 fails on purpose");
        });
        await().atMost(WAIT).until(() -> errors.get() == 1);
        ConsumerRecord<byte[], byte[]> dead = await().atMost(WAIT).until(() -> records(worker.tasksTopic() + ".DLT"), list -> list.size() == 1)
                .get(0);
        assertThat(header(dead, PoolHeaders.ATTEMPT)).isEqualTo("3");
        assertThat(header(dead, PoolHeaders.LAST_ERROR)).isEqualTo("java.lang.IllegalStateException: attempt 3 fails on purpose");
        assertThat(header(dead, PoolHeaders.FIRST_FAILURE_AT)).isNotBlank();
        assertThat(header(dead, PoolHeaders.RETRY_HISTORY)).contains("\"attempt\":1", "\"attempt\":3");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(worker.tasksTopic());
        assertThat(header(dead, DeadLetterHeaders.ERROR)).contains("after 3 attempt(s)");
        assertThat(header(dead, PoolHeaders.REPLY_TOPIC)).isEqualTo(client.callbackTopic());
        assertThat(DeadTasks.list(worker, WAIT)).singleElement().satisfies(task -> {
            assertThat(task.task()).isEqualTo("retry.flaky");
            assertThat(task.attempts()).isEqualTo(3);
        });
    }

    @Test
    void aTaskDeadLetteredOnAnErrorNotRetriedRunsAgainWhenResubmittedFromTheDlt() {
        startWorker("w1");
        Pool pool = track(Pool.open(client.toBuilder().clientId("caller").build()));
        TaskOptions options = backoff(Duration.ofMillis(200), 1, 5).noRetryOn("UnsupportedOperationException");

        AsyncResult<Object> result = pool.applyAsync(TaskCall.of("retry.gate").options(options));
        assertThatThrownBy(() -> result.get(WAIT)).isInstanceOfSatisfying(RemoteTaskException.class,
                failure -> assertThat(failure.attempts()).as("not retried").isEqualTo(1));
        DeadTask dead = await().atMost(WAIT).until(() -> DeadTasks.list(worker, WAIT), list -> list.size() == 1).get(0);

        BROKEN.set(false); // the fix is deployed
        assertThat(DeadTasks.resubmit(worker, List.of(dead.id()), WAIT)).containsExactly(dead);

        ConsumerRecord<byte[], byte[]> answer = await().atMost(WAIT).until(() -> records(client.callbackTopic()),
                list -> list.stream().anyMatch(record -> text(record.value()).contains("\"SUCCESS\""))).stream()
                .filter(record -> text(record.value()).contains("\"SUCCESS\"")).findFirst().orElseThrow();
        assertThat(text(answer.value())).contains("\"id\":\"" + dead.id() + "\"", "\"result\":\"fixed\"");
        assertThat(text(answer.value())).as("a resubmitted task starts its attempts afresh").doesNotContain("\"attempts\"");
    }

    private List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort(java.util.Comparator.comparingLong(ConsumerRecord::timestamp));
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aMapWhoseChunksFailTwiceThenSucceedReturnsEveryResultWithTheClientsDefaultRetries() {
        AtomicInteger runs = new AtomicInteger();
        Task flakyItem = new Task() {
            @Override
            public String name() {
                return "retry.flakyItem";
            }

            @Override
            public Object execute(TaskArguments arguments) {
                runs.incrementAndGet();
                if (arguments.attempt() <= 2) {
                    throw new IllegalStateException("attempt " + arguments.attempt() + " fails on purpose");
                }
                return arguments.getLong(0) * 10;
            }
        };
        track(PoolWorker.start(worker.toBuilder().clientId("w1").build(), TaskRegistry.installed().with(flakyItem)));
        Pool pool = track(Pool.open(client.toBuilder().clientId("mapper")
                .taskDefaults(backoff(Duration.ofMillis(100), 1, 3)).build()));

        List<Long> results = pool.map("retry.flakyItem", List.of(1, 2, 3, 4, 5, 6), Long.class, 2);

        assertThat(results).containsExactly(10L, 20L, 30L, 40L, 50L, 60L);
        // each of the 3 chunks: attempts 1 and 2 fail at their first item, attempt 3 runs both
        assertThat(runs.get()).isEqualTo(3 * (1 + 1 + 2));
    }

    @Test
    void anOptionACallSetsOverridesTheClientsDefaultAndTheOthersStillApply() {
        startWorker("w1");
        Pool pool = track(Pool.open(client.toBuilder().clientId("caller")
                .taskDefaults(backoff(Duration.ofMillis(100), 1, 1)).build()));

        AsyncResult<Object> ownRetries = pool.applyAsync(TaskCall.of("retry.flaky", 2, "own").retries(3));
        AsyncResult<Object> clientRetries = pool.applyAsync(TaskCall.of("retry.flaky", 2, "client"));

        assertThat(ownRetries.get(WAIT)).isEqualTo("own");
        assertThat(ownRetries.attempts()).isEqualTo(3);
        assertThatThrownBy(() -> clientRetries.get(WAIT)).isInstanceOfSatisfying(RemoteTaskException.class,
                failure -> assertThat(failure.attempts()).isEqualTo(2));
    }
}
