package io.kpool.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kpool.core.ConnectionOptions;
import io.kpool.core.internal.kafka.MessageType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockShareConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The share-group source's loop on MockShareConsumer: which acknowledgement each outcome becomes, renewals, pills. */
@Timeout(60)
class ShareGroupSourceTest {
    private static final String TOPIC = "queue";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingShareConsumer consumer = new RecordingShareConsumer();
    private final MockProducer<byte[], byte[]> deadLetters =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private RecordStream<String> stream;

    /** A MockShareConsumer that remembers every acknowledgement as "offset:TYPE" and, as Kafka does, hands a renewed record back. */
    private static final class RecordingShareConsumer extends MockShareConsumer<byte[], byte[]> {
        final List<String> acknowledgements = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void acknowledge(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
            acknowledgements.add(record.offset() + ":" + type.name());
            if (type == AcknowledgeType.RENEW) {
                addRecord(record);
            }
        }
    }

    private void start(boolean pillsEndPartitions, Duration recordLock, List<ConsumerRecord<byte[], byte[]>> records) {
        StreamOptions options = new StreamOptions(TOPIC, "eaters", 1, TOPIC + ".DLT", 100, Duration.ofSeconds(1),
                pillsEndPartitions, new ConnectionOptions("c1", Map.of("bootstrap.servers", "b:1"), Optional.empty()));
        consumer.subscribe(List.of(TOPIC)); // the mock takes records only for a subscribed topic; the source subscribes again
        records.forEach(consumer::addRecord);
        stream = RecordStream.overShareGroup(options, new ShareLimits(4, recordLock),
                record -> new String(record.value(), StandardCharsets.UTF_8), consumer, deadLetters);
    }

    @AfterEach
    void close() {
        if (stream != null) {
            stream.close();
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, 0, offset, null,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        if (value == null) {
            record.headers().add(MessageType.HEADER, MessageType.POISON_PILL.headerValue());
        }
        return record;
    }

    private InFlight<String> take() {
        return await().atMost(WAIT).until(() -> stream.get(Duration.ofMillis(50)), Optional::isPresent).orElseThrow();
    }

    @Test
    void aDoneRecordIsAcceptedAndAReleasedOneReleased() {
        start(true, Duration.ofSeconds(30), List.of(record(0, "a"), record(1, "b")));
        InFlight<String> first = take();
        InFlight<String> second = take();

        stream.done(first.partition(), first.offset());
        stream.release(second);

        await().atMost(WAIT).until(() -> consumer.acknowledgements.containsAll(List.of("0:ACCEPT", "1:RELEASE")));
        assertThat(stream.done(first.partition(), first.offset())).as("done twice").isFalse();
    }

    @Test
    void aRecordStillRunningAtHalfItsLockIsRenewedBeforeTheNextPoll() {
        start(true, Duration.ofMillis(400), List.of(record(0, "slow")));
        take();

        await().atMost(WAIT).until(() -> consumer.acknowledgements.contains("0:RENEW"));
        assertThat(consumer.acknowledgements).as("nothing settled it for good").doesNotContain("0:ACCEPT", "0:RELEASE");
    }

    @Test
    void theFirstPillIsAcceptedAndEndsTheStreamASecondIsReleasedForAnotherConsumer() {
        start(true, Duration.ofSeconds(30), List.of(record(0, null), record(1, null)));

        await().atMost(WAIT).until(() -> consumer.acknowledgements.containsAll(List.of("0:ACCEPT", "1:RELEASE")));
        assertThat(stream.isShutDown()).isTrue();
        assertThatThrownBy(() -> stream.get(Duration.ofMillis(50))).isInstanceOf(StreamShutDownException.class);
    }

    @Test
    void anInvalidRecordIsDeadLetteredThenRejectedAndAPillOnATasksTopicToo() {
        start(false, Duration.ofSeconds(30), List.of(record(0, null), new ConsumerRecord<>(TOPIC, 0, 1, null, null), record(2, "ok")));

        assertThat(take().value()).isEqualTo("ok");
        await().atMost(WAIT).until(() -> consumer.acknowledgements.containsAll(List.of("0:REJECT", "1:REJECT")));
        assertThat(deadLetters.history()).hasSize(2);
        assertThat(stream.isShutDown()).isFalse();
    }

    @Test
    void aRecordMarkedForRejectionIsDeadLetteredAndRejectedOnceDone() {
        start(true, Duration.ofSeconds(30), List.of(record(0, "last attempt")));
        InFlight<String> entry = take();

        stream.rejectWhenDone(entry, "failed on every attempt");
        assertThat(consumer.acknowledgements).doesNotContain("0:REJECT");
        stream.done(entry.partition(), entry.offset());

        await().atMost(WAIT).until(() -> consumer.acknowledgements.contains("0:REJECT"));
        assertThat(deadLetters.history()).singleElement().satisfies(letter -> assertThat(new String(
                letter.headers().lastHeader("kpool-dlt-error").value(), StandardCharsets.UTF_8)).contains("failed on every attempt"));
    }
}
