package io.kpool.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.core.ConnectionOptions;
import io.kpool.core.DeadLetterHeaders;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.core.internal.kafka.Resender;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's one rule on MockConsumer/MockProducer: whatever a record holds, it is dead-lettered or handed out, and its partition goes on. */
class RecordStreamTest {
    private static final String TOPIC = "tasks";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> deadLetters =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private RecordStream<String> stream;

    /** Decodes a value as text; "boom" makes the decoder throw as a buggy one would, text ending in "bad" is rejected. */
    private static String decode(ConsumerRecord<byte[], byte[]> record) throws InvalidRecordException {
        String text = new String(record.value(), StandardCharsets.UTF_8);
        if (text.equals("boom")) {
            throw new NullPointerException("decoder bug");
        }
        if (text.endsWith("bad")) {
            throw new InvalidRecordException("not a valid message");
        }
        return text;
    }

    private void start(boolean pillsEndPartitions, List<ConsumerRecord<byte[], byte[]>> records) {
        StreamOptions options = new StreamOptions(TOPIC, "workers", 1, TOPIC + ".DLT", 100, Duration.ofSeconds(1),
                pillsEndPartitions, new ConnectionOptions("w1", Map.of("bootstrap.servers", "b:1"), Optional.empty()));
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            consumer.updateEndOffsets(Map.of(P0, (long) records.size()));
            consumer.rebalance(List.of(P0));
            records.forEach(consumer::addRecord);
        });
        stream = RecordStream.overConsumerGroup(options, RecordStreamTest::decode, consumer, deadLetters, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        if (stream != null) {
            stream.close();
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
        return new ConsumerRecord<>(TOPIC, 0, offset, null, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<byte[], byte[]> pill(long offset) {
        ConsumerRecord<byte[], byte[]> pill = record(offset, null);
        pill.headers().add(MessageType.HEADER, MessageType.POISON_PILL.headerValue());
        return pill;
    }

    private InFlight<String> take() {
        return await().atMost(WAIT).until(() -> stream.get(Duration.ofMillis(50)), Optional::isPresent).orElseThrow();
    }

    private long committed() {
        OffsetAndMetadata offset = consumer.committed(Set.of(P0)).get(P0);
        return offset == null ? -1 : offset.offset();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aDecoderThatThrowsDeadLettersTheRecordAndThePartitionGoesOn() {
        start(true, List.of(record(0, "boom"), record(1, "bad"), record(2, "good")));

        InFlight<String> good = take();
        assertThat(good.value()).isEqualTo("good");
        stream.done(good.partition(), good.offset());
        await().atMost(WAIT).until(() -> deadLetters.history().size() == 2);
        assertThat(header(deadLetters.history().get(0), DeadLetterHeaders.ERROR)).contains("NullPointerException", "decoder bug");
        assertThat(header(deadLetters.history().get(1), DeadLetterHeaders.ERROR)).isEqualTo("not a valid message");
        while (deadLetters.completeNext()) {
            // both dead letters stored
        }

        await().atMost(WAIT).until(() -> committed() == 3);
    }

    private static ConsumerRecord<byte[], byte[]> keyed(long offset, String key, String value, boolean sentAgain) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, 0, offset, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
        if (sentAgain) {
            record.headers().add(Resender.SENT_AGAIN_HEADER, new byte[] {'1'});
        }
        return record;
    }

    @Test
    void aCopyItsProducerSentAgainOfARecordTakenInIsSkippedAndCommittedAndAnyOtherRecordIsHandedOut() {
        start(true, List.of(keyed(0, "task-1", "first", false), keyed(1, "task-2", "second", false),
                keyed(2, "task-1", "first", true), // the copy of offset 0: skipped
                keyed(3, "task-3", "third", true), // sent again, but its first copy was never stored: handed out
                keyed(4, "task-2", "other", false), // the same key without the header: a record of its own
                keyed(5, "task-2", "longer value", true))); // the header and a known key, another size: no copy

        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            InFlight<String> entry = take();
            taken.add(entry.value());
            stream.done(entry.partition(), entry.offset());
        }

        assertThat(taken).containsExactly("first", "second", "third", "other", "longer value");
        await().atMost(WAIT).until(() -> committed() == 6);
        assertThat(stream.get(Duration.ofMillis(200))).as("nothing more: the copy was not handed out").isEmpty();
        assertThat(deadLetters.history()).isEmpty();
    }

    @Test
    void aPoisonPillWhereNoPillsAreTakenIsDeadLetteredAndLaterRecordsStillCome() {
        start(false, List.of(pill(0), record(1, "after the pill")));

        assertThat(take().value()).isEqualTo("after the pill");
        await().atMost(WAIT).until(() -> deadLetters.history().size() == 1);
        assertThat(header(deadLetters.history().get(0), DeadLetterHeaders.ERROR)).contains("poison pill");
        assertThat(stream.isShutDown()).isFalse();
    }

    @Test
    void aTakerCanDeadLetterARecordItCannotAnswerAndItIsCommittedOnceStored() {
        start(true, List.of(record(0, "undeliverable"), record(1, "fine")));
        InFlight<String> first = take();
        InFlight<String> second = take();
        stream.done(second.partition(), second.offset());

        stream.deadLetter(first, "its answer cannot be delivered");
        await().atMost(WAIT).until(() -> deadLetters.history().size() == 1);
        assertThat(deadLetters.history().get(0).value()).isEqualTo("undeliverable".getBytes(StandardCharsets.UTF_8));
        assertThat(committed()).as("not before the dead letter is stored").isLessThan(1);
        deadLetters.completeNext();

        await().atMost(WAIT).until(() -> committed() == 2);
    }

    @Test
    void aDeadLetterTooLargeForItsTopicIsSentAgainWithItsValueCut() {
        String huge = "x".repeat(200_000);
        start(true, List.of(record(0, huge + "bad")));

        await().atMost(WAIT).until(() -> deadLetters.history().size() == 1);
        deadLetters.errorNext(new RecordTooLargeException("too large"));
        await().atMost(WAIT).until(() -> deadLetters.history().size() == 2);
        ProducerRecord<byte[], byte[]> cut = deadLetters.history().get(1);
        assertThat(cut.value()).hasSize(DeadLetterPublisher.CUT_VALUE_BYTES);
        assertThat(header(cut, DeadLetterHeaders.VALUE_CUT_FROM)).isEqualTo(Integer.toString(huge.length() + 3));
        deadLetters.completeNext();

        await().atMost(WAIT).until(() -> committed() == 1);
    }
}
