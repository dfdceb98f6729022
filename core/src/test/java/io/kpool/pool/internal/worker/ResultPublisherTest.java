package io.kpool.pool.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import io.kpool.core.ConnectionOptions;
import io.kpool.core.internal.delivery.InFlight;
import io.kpool.core.internal.delivery.RecordStream;
import io.kpool.core.internal.delivery.StreamOptions;
import io.kpool.core.internal.kafka.Resender;
import io.kpool.pool.internal.wire.Attempts;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.ResultWire;
import io.kpool.pool.internal.wire.TaskMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Answers always fit and a result that cannot be delivered never stops the worker: on MockProducer. */
class ResultPublisherTest {
    private static final TopicPartition TASKS = new TopicPartition("tasks", 0);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> deadLetters = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final MockProducer<byte[], byte[]> results = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final AtomicLong completed = new AtomicLong();
    private final List<Exception> fatal = new CopyOnWriteArrayList<>();
    private final Resender resender = new Resender(results, "w1");
    private final AnswerSink sink = AnswerSink.sending(resender);
    private RecordStream<TaskRequest> stream;

    private InFlight<TaskRequest> taken(TaskRequest request) {
        StreamOptions options = new StreamOptions(TASKS.topic(), "workers", 1, "tasks.DLT", 10, Duration.ofSeconds(1), false,
                new ConnectionOptions("w1", Map.of("bootstrap.servers", "b:1"), Optional.empty()));
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(TASKS, 0L));
            consumer.rebalance(List.of(TASKS));
            consumer.addRecord(new ConsumerRecord<>(TASKS.topic(), 0, 0, null, new byte[] {'{', '}'}));
        });
        stream = RecordStream.overConsumerGroup(options, record -> request, consumer, deadLetters, Clock.systemUTC());
        return await().atMost(WAIT).until(() -> stream.get(Duration.ofMillis(50)), Optional::isPresent).orElseThrow();
    }

    @AfterEach
    void close() {
        resender.close();
        if (stream != null) {
            stream.close();
        }
    }

    private ResultPublisher publisher(int maxRecordBytes) {
        return new ResultPublisher(sink, stream, "w1", "callbacks", maxRecordBytes, completed, fatal::add,
                new RetryRecords(sink, "tasks", RetryEvents.LOG));
    }

    private static TaskRequest batch(int tasks) {
        List<TaskMessage> messages = IntStream.range(0, tasks)
                .mapToObj(i -> new TaskMessage("c-" + i, "echo", List.of(), Map.of(), null, null)).toList();
        return new TaskRequest("c-0", messages, true, null, 3, "c", Attempts.FIRST);
    }

    private static List<TaskOutcome> successes(TaskRequest request, String value) {
        return request.messages().stream().map(message -> TaskOutcome.answer(message, new ResultMessage(message.id(),
                ResultMessage.Status.SUCCESS, TextNode.valueOf(value), null, null, null, null, 5L))).toList();
    }

    private long committed() {
        OffsetAndMetadata offset = consumer.committed(Set.of(TASKS)).get(TASKS);
        return offset == null ? -1 : offset.offset();
    }

    private static List<String> ids(List<ProducerRecord<byte[], byte[]>> records) throws IOException {
        List<String> ids = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : records) {
            ResultWire.readResults(record.value(), true).forEach(result -> ids.add(result.id()));
        }
        return ids;
    }

    @Test
    void aResultBatchLargerThanARecordIsSplitAndTheTaskRecordIsDoneOnlyOnceEveryPartIsStored() throws IOException {
        TaskRequest request = batch(2_000);
        InFlight<TaskRequest> entry = taken(request);

        publisher(20_000).publish(entry, successes(request, "r".repeat(40)), "s", "f");

        assertThat(results.history()).hasSizeGreaterThan(4).allSatisfy(record -> assertThat(record.value().length).isLessThan(20_000));
        assertThat(ids(results.history())).containsExactlyElementsOf(request.messages().stream().map(TaskMessage::id).toList());
        int parts = results.history().size();
        for (int i = 0; i < parts - 1; i++) {
            results.completeNext();
        }
        assertThat(completed.get()).as("one part still unstored").isZero();
        results.completeNext();
        assertThat(completed.get()).isEqualTo(2_000);
        await().atMost(WAIT).until(() -> committed() == 1);
    }

    @Test
    void aBatchTheBrokerRefusesAsTooLargeIsSentAgainInHalves() throws IOException {
        TaskRequest request = batch(10);
        InFlight<TaskRequest> entry = taken(request);

        publisher(1_000_000).publish(entry, successes(request, "v"), "s", "f");
        results.errorNext(new RecordTooLargeException("the topic's max.message.bytes is smaller"));

        assertThat(results.history()).hasSize(3);
        assertThat(ids(results.history().subList(1, 3))).hasSize(10);
        results.completeNext();
        results.completeNext();
        assertThat(completed.get()).isEqualTo(10);
        assertThat(fatal).isEmpty();
    }

    @Test
    void aSingleResultTooLargeForARecordArrivesAsAFailureSayingSo() throws IOException {
        TaskRequest request = new TaskRequest("c-9", List.of(new TaskMessage("c-9", "echo", List.of(), Map.of(), null, null)),
                false, null, null, "c", Attempts.FIRST);
        InFlight<TaskRequest> entry = taken(request);

        publisher(10_000).publish(entry, successes(request, "x".repeat(50_000)), "s", "f");

        ResultMessage answer = ResultWire.readResults(results.history().get(0).value(), false).get(0);
        assertThat(answer.status()).isEqualTo(ResultMessage.Status.FAILURE);
        assertThat(answer.error().message()).contains("too large to publish");
        results.completeNext();
        assertThat(completed.get()).isEqualTo(1);
    }

    @Test
    void aResultWhoseTopicIsGoneDeadLettersTheTaskRecordAndTheWorkerGoesOn() {
        TaskRequest request = batch(3);
        InFlight<TaskRequest> entry = taken(request);

        publisher(1_000_000).publish(entry, successes(request, "v"), "s", "f");
        results.errorNext(new UnknownTopicOrPartitionException("deleted meanwhile"));

        await().atMost(WAIT).until(() -> deadLetters.history().size() == 1);
        assertThat(fatal).isEmpty();
        deadLetters.completeNext();
        await().atMost(WAIT).until(() -> committed() == 1);
    }

    @Test
    void aRefusalThatCannotPassIsFatalAndLeavesTheTaskUncommitted() {
        TaskRequest request = batch(3);
        InFlight<TaskRequest> entry = taken(request);

        publisher(1_000_000).publish(entry, successes(request, "v"), "s", "f");
        results.errorNext(new TopicAuthorizationException("not allowed"));

        assertThat(fatal).hasSize(1);
        assertThat(fatal.get(0)).hasMessageContaining("will run again");
        assertThat(deadLetters.history()).isEmpty();
        assertThat(committed()).isEqualTo(-1);
    }

    @Test
    void aSendTheBrokerFailsForAReasonThatCanPassIsSentAgainAndTheTaskRecordIsDoneOnceStored() throws IOException {
        TaskRequest request = batch(3);
        InFlight<TaskRequest> entry = taken(request);

        publisher(1_000_000).publish(entry, successes(request, "v"), "s", "f");
        results.errorNext(new UnknownServerException("the broker's log dir failed")); // as a broker whose disk fills up answers
        await().atMost(WAIT).until(() -> results.history().size() == 2);
        results.errorNext(new KafkaStorageException("disk error"));
        await().atMost(WAIT).until(() -> results.history().size() == 3);

        assertThat(fatal).as("the worker goes on").isEmpty();
        assertThat(committed()).as("not stored yet: uncommitted").isEqualTo(-1);
        results.completeNext();
        assertThat(ids(results.history().subList(2, 3))).hasSize(3);
        assertThat(completed.get()).isEqualTo(3);
        assertThat(resender.resent()).isEqualTo(2);
        await().atMost(WAIT).until(() -> committed() == 1);
    }
}
