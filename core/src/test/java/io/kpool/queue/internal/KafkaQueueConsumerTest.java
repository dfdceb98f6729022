package io.kpool.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kpool.core.DeadLetterHeaders;
import io.kpool.core.internal.delivery.PartitionLedger;
import io.kpool.core.internal.delivery.RecordStream;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.queue.QueueItem;
import io.kpool.queue.QueueOptions;
import io.kpool.queue.QueueShutDownException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poll loop's logic on MockConsumer/MockProducer: pills, back-pressure, dead letters, commits. */
class KafkaQueueConsumerTest {
    private static final String TOPIC = "food";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> deadLetters =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private KafkaQueueConsumer queue;

    private void start(int bufferSize, List<TopicPartition> partitions, List<ConsumerRecord<byte[], byte[]>> records) {
        QueueOptions options = QueueOptions.builder().topic(TOPIC).group("eaters").clientId("alex").bufferSize(bufferSize).build();
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> 0L)));
            consumer.updateEndOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> 10L)));
            consumer.rebalance(partitions);
            records.forEach(consumer::addRecord);
        });
        queue = new KafkaQueueConsumer(options, RecordStream.overConsumerGroup(KafkaQueueConsumer.streamOptions(options),
                KafkaQueueConsumer::decode, consumer, deadLetters, Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
        }
    }

    private static ConsumerRecord<byte[], byte[]> item(TopicPartition partition, long offset, String text) {
        String json = "{\"id\":\"i" + partition.partition() + "-" + offset + "\",\"item\":\"" + text + "\"}";
        return new ConsumerRecord<>(TOPIC, partition.partition(), offset, null, json.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<byte[], byte[]> pill(TopicPartition partition, long offset) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, partition.partition(), offset, null, null);
        record.headers().add(MessageType.HEADER, MessageType.POISON_PILL.headerValue());
        return record;
    }

    private QueueItem take() {
        return await().atMost(Duration.ofSeconds(10)).until(() -> queue.get(Duration.ofMillis(50)), Optional::isPresent).orElseThrow();
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        return consumer.committed(Set.of(P0, P1));
    }

    @Test
    void everyOwnedPartitionPoisonedShutsTheConsumerDownAndItCommitsUpToThePillsOnly() {
        start(100, List.of(P0, P1), List.of(item(P0, 0, "包子0"), pill(P0, 1), item(P1, 0, "泔水0"), pill(P1, 1), item(P1, 2, "next run")));

        List<String> eaten = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            QueueItem item = take();
            eaten.add(item.text());
            queue.taskDone(item);
        }

        assertThat(eaten).containsExactlyInAnyOrder("包子0", "泔水0");
        await().atMost(Duration.ofSeconds(10)).until(queue::isShutDown);
        assertThatThrownBy(() -> queue.get(Duration.ofMillis(100))).isInstanceOf(QueueShutDownException.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(committed()).isEqualTo(Map.of(
                P0, new OffsetAndMetadata(2, PartitionLedger.POISONED_METADATA),
                P1, new OffsetAndMetadata(2, PartitionLedger.POISONED_METADATA))));
    }

    @Test
    void aFullBufferPausesFetchingAndDrainingItResumes() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(item(P0, i, "骨头" + i));
        }
        start(4, List.of(P0), records);

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.paused().contains(P0));
        for (int i = 0; i < 5; i++) {
            queue.taskDone(take());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.paused().contains(P0));
    }

    @Test
    void anInvalidRecordIsCommittedPastOnlyOnceTheDeadLetterTopicHasIt() {
        ConsumerRecord<byte[], byte[]> garbage = new ConsumerRecord<>(TOPIC, 0, 0, "k".getBytes(StandardCharsets.UTF_8),
                "{not json".getBytes(StandardCharsets.UTF_8));
        start(100, List.of(P0), List.of(garbage, item(P0, 1, "包子1")));

        QueueItem item = take();
        assertThat(item.text()).isEqualTo("包子1");
        queue.taskDone(item);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> committed().get(P0) == null);

        await().atMost(Duration.ofSeconds(5)).until(() -> deadLetters.history().size() == 1);
        assertThat(deadLetters.history().get(0).topic()).isEqualTo(TOPIC + ".DLT");
        assertThat(deadLetters.history().get(0).headers().lastHeader(DeadLetterHeaders.SOURCE_OFFSET).value())
                .isEqualTo("0".getBytes(StandardCharsets.UTF_8));
        deadLetters.completeNext();

        await().atMost(Duration.ofSeconds(10)).until(() -> committed().get(P0) != null && committed().get(P0).offset() == 2);
    }

    @Test
    void itemsOfARevokedPartitionThatNobodyTookAreNotHandedOut() {
        start(100, List.of(P0, P1), List.of(item(P0, 0, "p0-a"), item(P1, 0, "p1-a")));
        QueueItem first = take();
        TopicPartition kept = first.partition() == 0 ? P0 : P1;
        queue.taskDone(first);

        consumer.schedulePollTask(() -> consumer.rebalance(List.of(kept)));
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.assignment().equals(Set.of(kept)));

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> queue.get(Duration.ofMillis(50)).isEmpty());
    }

    private static ConsumerRecord<byte[], byte[]> raw(long offset, String json) {
        return new ConsumerRecord<>(TOPIC, 0, offset, null, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void foreignClientsTimestampsAndExtraFieldsAreAcceptedWhileWrongTypesAreDeadLettered() {
        start(100, List.of(P0), List.of(
                raw(0, "null"),
                raw(1, "[1,2]"),
                raw(2, "{\"id\":7,\"item\":\"x\"}"),
                raw(3, "{\"id\":\"a\",\"item\":null}"),
                raw(4, "{\"id\":\"b\",\"item\":\"x\",\"producer\":{}}"),
                raw(5, "{\"id\":\"py\",\"item\":\"包子\",\"sentAt\":\"2026-11-30T10:15:30.123456\",\"extra\":[1]}"),
                raw(6, "{\"id\":\"go\",\"item\":{\"n\":1},\"sentAt\":1764497730,\"producer\":\"go-client\"}")));

        QueueItem python = take();
        QueueItem go = take();
        assertThat(python.id()).isEqualTo("py");
        assertThat(python.text()).isEqualTo("包子");
        assertThat(go.producer()).isEqualTo("go-client");
        queue.taskDone(python);
        queue.taskDone(go);

        await().atMost(Duration.ofSeconds(5)).until(() -> deadLetters.history().size() == 5);
        while (deadLetters.completeNext()) {
            // every rejected record stored
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> committed().get(P0) != null && committed().get(P0).offset() == 7);
        assertThat(queue.isShutDown()).isFalse();
    }
}
