package io.kpool.pool.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.IntNode;
import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.RetryBackoff;
import io.kpool.pool.TaskCall;
import io.kpool.pool.TaskOptions;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.ResultWire;
import io.kpool.pool.internal.wire.RetrySpec;
import io.kpool.pool.internal.wire.TaskMessage;
import io.kpool.pool.internal.wire.TaskWire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool client on a MockConsumer and a MockProducer: what its users see when its reply reader or its sender fails. */
class KafkaPoolTest {
    private static final String TASKS = "tasks";
    private static final String CALLBACKS = "callbacks";
    private static final Node NODE = new Node(0, "localhost", 9092);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final PoolClientOptions options = PoolClientOptions.builder().tasksTopic(TASKS).callbackTopic(CALLBACKS).clientId("main").build();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("latest");
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(
            new Cluster("c", List.of(NODE), List.of(partition(TASKS)), Set.of(), Set.of()),
            false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<String> errorCallbacks = new CopyOnWriteArrayList<>();
    private final List<KafkaPool> pools = new ArrayList<>();

    private static PartitionInfo partition(String topic) {
        return new PartitionInfo(topic, 0, NODE, new Node[] {NODE}, new Node[] {NODE});
    }

    private KafkaPool pool() {
        return pool(options);
    }

    private KafkaPool pool(PoolClientOptions options) {
        consumer.updatePartitions(CALLBACKS, List.of(partition(CALLBACKS)));
        consumer.updateEndOffsets(Map.of(new TopicPartition(CALLBACKS, 0), 0L));
        KafkaPool pool = new KafkaPool(options, consumer, producer);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void terminate() {
        pools.forEach(KafkaPool::terminate);
    }

    /** The reply thread's next poll blocks until the latch opens, then runs {@code then}. */
    private void nextPollWaitsFor(CountDownLatch latch, Runnable then) {
        consumer.schedulePollTask(() -> {
            try {
                latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            then.run();
        });
    }

    private AsyncResult<Object> submitWithErrorCallback(KafkaPool pool, int n) {
        return pool.applyAsync(TaskCall.of("square", n), null,
                error -> errorCallbacks.add(Thread.currentThread().getName() + ": " + error.getMessage()));
    }

    @Test
    void aReplyReaderWhoseConsumerFailsFailsEveryPendingTaskAtOnceAndThePoolRefusesNewTasks() {
        CountDownLatch brokerGone = new CountDownLatch(1);
        nextPollWaitsFor(brokerGone, () -> {
            throw new KafkaException("broker gone");
        });
        KafkaPool pool = pool();
        List<AsyncResult<Object>> results = List.of(submitWithErrorCallback(pool, 1), submitWithErrorCallback(pool, 2),
                submitWithErrorCallback(pool, 3));
        CompletableFuture<Object> waitingApply = CompletableFuture.supplyAsync(() -> pool.apply("square", 4));
        await().atMost(WAIT).until(() -> pool.pending() == 4);

        brokerGone.countDown();

        assertThat(waitingApply).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(KpoolException.class).withMessageContaining("the reply reader failed")
                .havingRootCause().withMessage("broker gone");
        for (AsyncResult<Object> result : results) {
            assertThatThrownBy(() -> result.get(WAIT)).isInstanceOf(KpoolException.class)
                    .hasMessageContaining("the reply reader failed").hasMessageContaining("can never arrive")
                    .hasRootCauseMessage("broker gone");
        }
        assertThat(pool.pending()).isZero();
        await().atMost(WAIT).until(() -> errorCallbacks.size() == 3);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> errorCallbacks.size() == 3);
        assertThat(errorCallbacks).allSatisfy(call -> assertThat(call).startsWith("kpool-callbacks-main: "));

        assertThatThrownBy(() -> pool.applyAsync("square", 5)).isInstanceOf(KpoolException.class)
                .hasMessageContaining("accepts no more tasks").hasMessageContaining("the reply reader failed")
                .hasMessageContaining("broker gone");
        assertThat(CompletableFuture.supplyAsync(() -> pool.apply("square", 6))).as("apply fails fast")
                .failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().withMessageContaining("accepts no more tasks");
        assertThat(pool.pending()).isZero();
    }

    @Test
    void anUnexpectedWakeupOfTheReplyReaderFailsThePendingTasksNamingIt() {
        CountDownLatch woken = new CountDownLatch(1);
        nextPollWaitsFor(woken, consumer::wakeup);
        KafkaPool pool = pool();
        AsyncResult<Object> result = submitWithErrorCallback(pool, 1);

        woken.countDown();

        assertThatThrownBy(() -> result.get(WAIT)).isInstanceOf(KpoolException.class)
                .hasMessageContaining("the reply reader was woken up unexpectedly");
        assertThatThrownBy(() -> pool.applyAsync("square", 2)).isInstanceOf(KpoolException.class)
                .hasMessageContaining("woken up unexpectedly");
    }

    @Test
    void closeAfterTheReplyReaderFailedReleasesThePoolAtOnce() {
        CountDownLatch brokerGone = new CountDownLatch(1);
        nextPollWaitsFor(brokerGone, () -> {
            throw new KafkaException("broker gone");
        });
        KafkaPool pool = pool();
        AsyncResult<Object> result = submitWithErrorCallback(pool, 1);
        brokerGone.countDown();
        assertThat(result.waitFor(WAIT)).isTrue();

        pool.close();

        assertThat(CompletableFuture.runAsync(pool::join)).succeedsWithin(WAIT);
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aSenderThatFailsFailsItsUnsentTasksAndThePoolRefusesNewOnesWhileSentTasksStillGetTheirResults() throws IOException {
        KafkaPool pool = pool();
        AsyncResult<Object> sent = pool.applyAsync("square", 3);
        await().atMost(WAIT).until(() -> producer.history().size() == 1);
        producer.close(); // the sender's next send throws

        AsyncResult<Object> unsent = submitWithErrorCallback(pool, 4);

        assertThatThrownBy(() -> unsent.get(WAIT)).isInstanceOf(KpoolException.class).hasMessageContaining("could not be submitted");
        await().atMost(WAIT).until(() -> errorCallbacks.size() == 1);
        assertThatThrownBy(() -> pool.applyAsync("square", 5)).isInstanceOf(KpoolException.class)
                .hasMessageContaining("accepts no more tasks").hasMessageContaining("the task sender failed");

        String id = TaskWire.readTask(producer.history().get(0).value()).id();
        reply(new ResultMessage(id, ResultMessage.Status.SUCCESS, IntNode.valueOf(9), null, "w", null, null, 3L));
        assertThat(sent.get(WAIT)).isEqualTo(9);
        assertThat(pool.pending()).isZero();
    }

    @Test
    void aChunkOfMoreThanAThousandItemsTravelsAsTaskMessagesOfAtMostAThousandEach() throws IOException {
        KafkaPool pool = pool();

        pool.mapAsync("square", java.util.stream.IntStream.range(0, 2_500).boxed().toList(), Long.class, 100_000, null, null);

        await().atMost(WAIT).until(() -> producer.history().size() == 3);
        List<Integer> sizes = new ArrayList<>();
        for (var record : producer.history()) {
            sizes.add(TaskWire.readTask(record.value()).batch().size());
        }
        assertThat(sizes).containsExactly(1_000, 1_000, 500);
        assertThat(TaskWire.readTask(producer.history().get(2).value()).batch().get(0)).containsExactly(IntNode.valueOf(2_000));
    }

    @Test
    void everyTaskTheClientSendsMapChunksIncludedCarriesItsTaskDefaultsUnlessTheCallSetsAnOption() throws IOException {
        RetryBackoff quick = new RetryBackoff(Duration.ofMillis(100), 1.5, Duration.ofSeconds(2), 0);
        KafkaPool pool = pool(options.toBuilder().taskDefaults(TaskOptions.defaults().retries(3).backoff(quick).retryOn("java.io.IOException")
                .timeLimit(Duration.ofSeconds(7))).build());

        pool.applyAsync(TaskCall.of("square", 1));
        pool.applyAsync(TaskCall.of("square", 2).retries(0).timeLimit(Duration.ofSeconds(1)));
        pool.mapAsync("square", List.of(1, 2, 3), Long.class, 2, null, null);

        await().atMost(WAIT).until(() -> producer.history().size() == 4);
        List<TaskMessage> sent = new ArrayList<>();
        for (var record : producer.history()) {
            sent.add(TaskWire.readTask(record.value()));
        }
        RetrySpec defaults = new RetrySpec(3, 100L, 1.5, 2_000L, 0.0, List.of("java.io.IOException"), null);
        assertThat(sent.get(0).retry()).isEqualTo(defaults);
        assertThat(sent.get(0).timeLimitMs()).isEqualTo(7_000L);
        assertThat(sent.get(1).retry()).isEqualTo(new RetrySpec(0, 100L, 1.5, 2_000L, 0.0, List.of("java.io.IOException"), null));
        assertThat(sent.get(1).timeLimitMs()).isEqualTo(1_000L);
        assertThat(sent.subList(2, 4)).allSatisfy(chunk -> {
            assertThat(chunk.batch()).isNotNull();
            assertThat(chunk.retry()).isEqualTo(defaults);
            assertThat(chunk.timeLimitMs()).isEqualTo(7_000L);
        });
    }

    @Test
    void aClientWithoutTaskDefaultsSendsNoRetryOptionsAndItsTaskTimeoutStillSetsTheExpiry() throws IOException {
        KafkaPool pool = pool(options.toBuilder().taskTimeout(Duration.ofMinutes(1)).build());
        long before = System.currentTimeMillis();

        pool.applyAsync(TaskCall.of("square", 1));
        pool.mapAsync("square", List.of(1), Long.class, 1, null, null);

        await().atMost(WAIT).until(() -> producer.history().size() == 2);
        for (var record : producer.history()) {
            TaskMessage task = TaskWire.readTask(record.value());
            assertThat(task.retry()).isNull();
            assertThat(task.timeLimitMs()).isNull();
            assertThat(task.expiresAt()).isBetween(before + 60_000, System.currentTimeMillis() + 60_000);
        }
    }

    private void reply(ResultMessage result) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageType.HEADER, MessageType.RESULT.headerValue());
        PoolHeaders.add(headers, PoolHeaders.CLIENT_ID, options.clientId());
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(CALLBACKS, 0, 0L, 0L, TimestampType.CREATE_TIME,
                0, 0, result.id().getBytes(StandardCharsets.UTF_8), ResultWire.writeResult(result), headers, Optional.empty())));
    }
}
