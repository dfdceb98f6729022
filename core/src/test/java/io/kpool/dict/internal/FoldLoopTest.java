package io.kpool.dict.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.IntNode;
import io.kpool.dict.SharedDictException;
import io.kpool.dict.internal.fold.Operation;
import io.kpool.dict.internal.fold.OperationCodec;
import io.kpool.dict.internal.fold.Outcome;
import io.kpool.dict.internal.fold.Outcome.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A writer and its fold on MockProducer/MockConsumer: the broker is played by the test, which
 * acknowledges sends and appends records to the log itself.
 */
class FoldLoopTest {
    private static final String TOPIC = "kpool.dict.test";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final ScheduledExecutorService resender = Executors.newSingleThreadScheduledExecutor();
    private final Replica replica = new Replica();
    private final PendingOperations pending = new PendingOperations(Duration.ofSeconds(30));
    private FoldLoop loop;
    private Thread thread;
    private OperationWriter writer;
    private long nextOffset;

    @BeforeEach
    void start() {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node})));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 0L));
        loop = new FoldLoop(consumer, TOPIC, "test", "me", replica, pending);
        writer = new OperationWriter(producer, TOPIC, "test", "me", pending, resender);
        thread = new Thread(loop, "fold");
        thread.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.stop();
        thread.join(10_000);
        resender.shutdownNow();
        assertThat(thread.isAlive()).isFalse();
    }

    /** The broker appends a record to the log; the fold will read it. */
    private void append(byte[] value) {
        long offset = nextOffset++;
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, 1_000L + offset, TimestampType.LOG_APPEND_TIME, 0,
                    value == null ? -1 : value.length,
                    null, value, new RecordHeaders(), Optional.empty()));
            consumer.updateEndOffsets(Map.of(PARTITION, offset + 1));
        });
    }

    private void appendSent(int index) {
        append(producer.history().get(index).value());
    }

    @Test
    void aWriteCompletesOnlyOnceTheFoldHasAppliedItNotWhenTheBrokerAcknowledgesIt() {
        CompletableFuture<Outcome> put = writer.append(Operation.put("count", IntNode.valueOf(100)));
        producer.completeNext();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !put.isDone());
        appendSent(0);

        Outcome outcome = put.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(outcome.status()).isEqualTo(Status.APPLIED);
        assertThat(replica.entry("count").orElseThrow().value()).isEqualTo(IntNode.valueOf(100));
    }

    @Test
    void aSendThatFailedRetriablyIsSentAgainUnchangedAndAppliedOnceIfBothCopiesLand() {
        CompletableFuture<Outcome> increment = writer.append(Operation.increment("count", 1));
        producer.errorNext(new TimeoutException("delivery timed out, outcome unknown"));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        ProducerRecord<byte[], byte[]> first = producer.history().get(0);
        ProducerRecord<byte[], byte[]> again = producer.history().get(1);
        assertThat(again.value()).isEqualTo(first.value());

        appendSent(0); // the "failed" send had reached the log after all
        appendSent(1);
        CompletableFuture<Outcome> next = writer.append(Operation.increment("count", 1));
        appendSent(2);

        assertThat(increment.orTimeout(10, TimeUnit.SECONDS).join().status()).isEqualTo(Status.APPLIED);
        assertThat(next.orTimeout(10, TimeUnit.SECONDS).join().value()).isEqualTo(IntNode.valueOf(2));
    }

    @Test
    void aRecordThatIsNoDictOperationIsSkippedAndTheRecordsAfterItStillApply() {
        append("not json".getBytes(StandardCharsets.UTF_8));
        append("{\"op\":\"multiply\",\"key\":\"count\"}".getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Outcome> put = writer.append(Operation.put("count", IntNode.valueOf(1)));
        appendSent(0);

        assertThat(put.orTimeout(10, TimeUnit.SECONDS).join().offset()).isEqualTo(2);
    }

    @Test
    void hostileRecordsAreSkippedWithOneEscapedLogLineEachAndTheWritesAfterThemStillApply() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(FoldLoop.class);
        logger.addAppender(logs);
        try {
            append(null);
            append(new byte[] {(byte) 0xff, 0x0a, 0x1b, '['});
            append("{\"op\":\"multiply\\nINFO  [fold] FoldLoop - forged\",\"key\":\"k\"}".getBytes(StandardCharsets.UTF_8));
            append("{\"op\":\"remove\",\"key\":\"k\",\"k\u2028\":1,\"k\u2028\":2}".getBytes(StandardCharsets.UTF_8));
            append("{\"op\":\"increment\",\"key\":\"count\",\"delta\":\"5\"}".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<Outcome> put = writer.append(Operation.put("count", IntNode.valueOf(1)));
            appendSent(0);

            Outcome outcome = put.orTimeout(10, TimeUnit.SECONDS).join();

            assertThat(outcome.status()).isEqualTo(Status.APPLIED);
            assertThat(outcome.offset()).isEqualTo(5);
            List<String> skipped = logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains("skipped record"))
                    .toList();
            assertThat(skipped).hasSize(5).allSatisfy(line -> assertThat(line).doesNotContain("\n", "\r", "\u001b", "\u2028"));
            assertThat(skipped.get(0)).contains("record 0").endsWith("the record has no value");
            assertThat(skipped.get(1)).contains("not valid UTF-8");
            assertThat(skipped.get(2)).contains("unknown \"op\" \"multiply\\u000aINFO  [fold] FoldLoop - forged\"");
            assertThat(skipped.get(3)).contains("field \"k\\u2028\" appears twice");
            assertThat(skipped.get(4)).contains("\"delta\" must be a JSON integer");
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void syncCompletesOnceTheFoldHasReadUpToTheEndOfTheLogAsItWasWhenAsked() {
        append(OperationCodec.encode(Operation.put("a", IntNode.valueOf(1))));
        append(OperationCodec.encode(Operation.put("b", IntNode.valueOf(2))));
        await().atMost(Duration.ofSeconds(5)).until(() -> replica.size() == 2);
        consumer.updateEndOffsets(Map.of(PARTITION, 3L));

        CompletableFuture<Void> sync = loop.sync();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !sync.isDone());
        append(OperationCodec.encode(Operation.put("c", IntNode.valueOf(3))));

        sync.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(replica.snapshot()).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void aLogWhoseFirstOperationsWereDeletedIsRefusedBecauseTheDictCannotBeRebuilt() throws InterruptedException {
        MockConsumer<byte[], byte[]> trimmed = new MockConsumer<>("earliest");
        Node node = new Node(0, "localhost", 9092);
        trimmed.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node})));
        trimmed.updateBeginningOffsets(Map.of(PARTITION, 42L));
        FoldLoop refusing = new FoldLoop(trimmed, TOPIC, "test", "me", new Replica(), new PendingOperations(Duration.ofSeconds(30)));
        Thread fold = new Thread(refusing, "trimmed-fold");
        fold.start();

        assertThatThrownBy(() -> refusing.sync().get(10, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(SharedDictException.class).rootCause().hasMessageContaining("starts at offset 42");
        fold.join(10_000);
        assertThat(fold.isAlive()).isFalse();
    }
}
