package io.kpool.pool.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.core.internal.kafka.Resender;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.TaskMessage;
import io.kpool.pool.internal.wire.TaskWire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's sender on a MockProducer: packing quick tasks, waiting when too many are unsent, failing what it cannot send. */
class TaskSenderTest {
    private static final String TOPIC = "tasks";
    private static final Node NODE = new Node(0, "localhost", 9092);
    private static final Cluster CLUSTER = new Cluster("c", List.of(NODE),
            List.of(0, 1, 2).stream().map(p -> new PartitionInfo(TOPIC, p, NODE, new Node[] {NODE}, new Node[] {NODE})).toList(),
            Set.of(), Set.of());

    private final PoolClientOptions options = PoolClientOptions.builder().tasksTopic(TOPIC).callbackTopic("callbacks").clientId("main").build();
    private final List<KpoolException> errors = new CopyOnWriteArrayList<>();
    private final PendingTasks pending = new PendingTasks("main", Duration.ZERO, Runnable::run, System::nanoTime);
    private final TaskCosts costs = new TaskCosts();
    private final List<Thread> threads = new ArrayList<>();

    private TaskSender sender(MockProducer<byte[], byte[]> producer) {
        return new TaskSender(options, producer, pending, costs, 0);
    }

    private static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(CLUSTER, true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private TaskSender.Outgoing task(long number, String name) {
        PendingTask<Object> task = pending.register(name, Json.mapper().constructType(Object.class), null, errors::add);
        return new TaskSender.Outgoing(new TaskMessage(task.id(), name, List.of(Json.toTree(number)), Map.of(), null, null), task);
    }

    private Thread start(Runnable runnable) {
        Thread thread = new Thread(runnable);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return thread;
    }

    @AfterEach
    void stopThreads() {
        threads.forEach(Thread::interrupt);
    }

    @Test
    void quickTasksTravelAHundredToARecordInOrderSlowOnesOneEach() throws IOException {
        for (int i = 0; i < 16; i++) {
            costs.record("square", 3);
        }
        MockProducer<byte[], byte[]> producer = producer();
        TaskSender sender = sender(producer);
        for (long i = 0; i < 250; i++) {
            sender.submit(task(i, "square"));
        }
        sender.submit(task(250, "sleep"));
        sender.stop();
        sender.run(); // sends everything queued, then returns

        List<ProducerRecord<byte[], byte[]>> records = producer.history();
        List<String> types = records.stream().map(r -> PoolHeaders.text(r.headers(), MessageType.HEADER)).toList();
        assertThat(types).containsExactlyInAnyOrder("task-batch", "task-batch", "task-batch", "task");
        List<String> sentIds = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : records) {
            if ("task-batch".equals(PoolHeaders.text(record.headers(), MessageType.HEADER))) {
                TaskWire.readTaskBatch(record.value()).tasks().forEach(t -> sentIds.add(t.id()));
            }
        }
        TaskIds ids = new TaskIds("main");
        assertThat(sentIds).hasSize(250).isSortedAccordingTo((a, b) -> Long.compare(ids.sequenceOf(a), ids.sequenceOf(b)));
        assertThat(records).extracting(ProducerRecord::partition).as("round-robin").containsExactly(0, 1, 2, 0);
    }

    private List<Integer> tasksPerRecord(int count, String name) throws IOException {
        MockProducer<byte[], byte[]> producer = producer();
        TaskSender sender = sender(producer);
        for (long i = 0; i < count; i++) {
            sender.submit(task(i, name));
        }
        sender.stop();
        sender.run();
        List<Integer> sizes = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : producer.history()) {
            boolean batch = "task-batch".equals(PoolHeaders.text(record.headers(), MessageType.HEADER));
            sizes.add(batch ? TaskWire.readTaskBatch(record.value()).tasks().size() : 1);
        }
        return sizes;
    }

    @Test
    void aBurstOfOneMillisecondTasksGoesFourToARecordAndASmallOneOneEach() throws IOException {
        for (int i = 0; i < 16; i++) {
            costs.record("sleep", 1_100);
            costs.record("slower", 3_000);
        }

        assertThat(tasksPerRecord(40, "sleep")).as("a burst: at least 4 tasks per partition of 3").containsOnly(4).hasSize(10);
        assertThat(tasksPerRecord(11, "sleep")).as("not a burst").containsOnly(1).hasSize(11);
        assertThat(tasksPerRecord(40, "slower")).as("more than half a record's budget alone").containsOnly(1).hasSize(40);
    }

    @Test
    void eachRecordCarriesAChildOfItsTasksTraceAndTasksOfDifferentTracesNeverShareARecord() {
        for (int i = 0; i < 16; i++) {
            costs.record("square", 3);
        }
        String trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        MockProducer<byte[], byte[]> producer = producer();
        TaskSender sender = sender(producer);
        for (long i = 0; i < 6; i++) {
            TaskSender.Outgoing plain = task(i, "square");
            sender.submit(i < 3 ? plain : new TaskSender.Outgoing(plain.message(), plain.task(), trace));
        }
        sender.stop();
        sender.run();

        List<String> traces = producer.history().stream().map(r -> PoolHeaders.text(r.headers(), PoolHeaders.TRACEPARENT)).toList();
        assertThat(traces).hasSize(2);
        assertThat(traces.get(0)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain("0af7651916cd43dd8448eb211c80319c");
        assertThat(traces.get(1)).matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01");
    }

    @Test
    void submittingWaitsWhileTenThousandTasksAreUnsent() {
        MockProducer<byte[], byte[]> producer = producer();
        TaskSender sender = sender(producer);
        for (long i = 0; i < TaskSender.MAX_UNSENT; i++) {
            sender.submit(task(i, "echo"));
        }
        CompletableFuture<Void> oneMore = CompletableFuture.runAsync(() -> sender.submit(task(TaskSender.MAX_UNSENT, "echo")));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !oneMore.isDone());
        start(sender);
        await().atMost(Duration.ofSeconds(10)).until(oneMore::isDone);
        sender.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == TaskSender.MAX_UNSENT + 1);
    }

    @Test
    void aSenderThatFailsFailsWhatItHasNotSentAndRefusesMoreNamingItsFailure() {
        MockProducer<byte[], byte[]> producer = producer();
        TaskSender sender = sender(producer);
        TaskSender.Outgoing first = task(0, "echo");
        TaskSender.Outgoing second = task(1, "echo");
        TaskSender.Outgoing third = task(2, "echo"); // registered, not yet handed to the sender
        sender.submit(first);
        sender.submit(second);
        producer.close(); // sending now throws

        sender.run();

        assertThat(first.task()).isCompletedExceptionally();
        assertThat(second.task()).isCompletedExceptionally();
        assertThat(errors).as("each error callback ran once").hasSize(2);
        assertThat(pending.size()).isEqualTo(1);
        assertThatThrownBy(() -> sender.submit(third))
                .isInstanceOf(KpoolException.class).hasMessageContaining("task sender has stopped");
        assertThatThrownBy(() -> task(3, "echo")).as("the pool registers no new task")
                .isInstanceOf(KpoolException.class).hasMessageContaining("accepts no more tasks")
                .hasMessageContaining("the task sender failed").hasMessageContaining("closed");
    }

    @Test
    void aTaskThatFailedBeforeItsTurnIsNotSent() {
        MockProducer<byte[], byte[]> producer = producer();
        TaskSender sender = sender(producer);
        TaskSender.Outgoing timedOut = task(0, "echo");
        TaskSender.Outgoing waiting = task(1, "echo");
        sender.submit(timedOut);
        sender.submit(waiting);
        pending.fail(timedOut.task(), new KpoolException("timed out"));
        sender.stop();

        sender.run();

        assertThat(producer.history()).singleElement().extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
                .isEqualTo(waiting.task().id());
    }

    @Test
    void aStoppedSenderSendsWhatWasQueuedAndRefusesMore() {
        MockProducer<byte[], byte[]> producer = producer();
        TaskSender sender = sender(producer);
        sender.submit(task(0, "echo"));
        sender.stop();

        sender.run();

        assertThat(producer.history()).hasSize(1);
        assertThatThrownBy(() -> sender.submit(task(1, "echo")))
                .isInstanceOf(KpoolException.class).hasMessageContaining("task sender has stopped");
    }

    @Test
    void aRecordTheBrokerFailedForAReasonThatCanPassIsSentAgainAndAPermanentRefusalFailsItsTask() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(CLUSTER, false, null, new ByteArraySerializer(), new ByteArraySerializer());
        TaskSender sender = sender(producer);
        TaskSender.Outgoing task = task(0, "echo");
        sender.submit(task);
        start(sender);
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);

        producer.errorNext(new UnknownServerException("the broker's log dir failed")); // as a broker whose disk fills up answers
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);
        assertThat(task.task()).as("sent again, not failed").isNotDone();
        producer.completeNext();
        assertThat(producer.history().get(1).key()).isEqualTo(producer.history().get(0).key());
        assertThat(producer.history().get(1).partition()).isEqualTo(producer.history().get(0).partition());
        assertThat(producer.history().get(1).value()).isEqualTo(producer.history().get(0).value());
        assertThat(producer.history().get(1).headers().lastHeader(Resender.SENT_AGAIN_HEADER))
                .as("the copy says it is one, for the worker to skip it if the first was stored").isNotNull();
        assertThat(producer.history().get(0).headers().lastHeader(Resender.SENT_AGAIN_HEADER)).isNull();

        TaskSender.Outgoing refused = task(1, "echo");
        sender.submit(refused);
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 3);
        producer.errorNext(new TopicAuthorizationException("not allowed"));
        assertThat(refused.task()).isCompletedExceptionally();
        assertThat(errors).singleElement().satisfies(error -> assertThat(error).hasMessageContaining("not allowed"));
        sender.stop();
        sender.closeResends();
    }
}
