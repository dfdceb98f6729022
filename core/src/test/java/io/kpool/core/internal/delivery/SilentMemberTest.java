package io.kpool.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.core.ConnectionOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member whose poll thread was away past the silence limit (its process stopped) polls again before it
 * learns whether the group replaced it: it hands out none of its buffered records until the group confirms
 * it still owns them. On MockConsumer, whose commits the group refuses while the member is "replaced".
 */
@Timeout(30)
class SilentMemberTest {
    private static final String TOPIC = "tasks";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AtomicBoolean replaced = new AtomicBoolean();
    private final SteppedClock clock = new SteppedClock();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            if (replaced.get()) {
                throw new CommitFailedException("the group has given this member's partitions to another");
            }
            super.commitSync(offsets, timeout);
        }
    };
    private RecordStream<String> stream;

    @AfterEach
    void close() {
        if (stream != null) {
            stream.close();
        }
    }

    private void start(int records) {
        StreamOptions options = new StreamOptions(TOPIC, "workers", 1, TOPIC + ".DLT", 100, Duration.ofSeconds(1), false,
                new ConnectionOptions("w1", Map.of("bootstrap.servers", "b:1"), Optional.empty()));
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            consumer.rebalance(List.of(P0));
            for (int offset = 0; offset < records; offset++) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, null, ("r" + offset).getBytes(StandardCharsets.UTF_8)));
            }
        });
        stream = RecordStream.overConsumerGroup(options, record -> new String(record.value(), StandardCharsets.UTF_8), consumer,
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()), clock);
    }

    private InFlight<String> take() {
        return await().atMost(WAIT).until(() -> stream.get(Duration.ofMillis(50)), Optional::isPresent).orElseThrow();
    }

    @Test
    void aMemberBackFromASilenceHandsOutNothingBufferedUntilTheGroupConfirmsItStillOwnsThePartition() {
        start(4);
        assertThat(take().value()).isEqualTo("r0");
        AtomicBoolean stopped = new AtomicBoolean();
        consumer.schedulePollTask(() -> { // the process stops inside poll; meanwhile the group moves on
            replaced.set(true);
            clock.advance(Duration.ofSeconds(20));
            stopped.set(true);
        });
        await().atMost(WAIT).untilTrue(stopped);

        List<String> handedOut = new CopyOnWriteArrayList<>();
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> {
            stream.get(Duration.ofMillis(20)).ifPresent(entry -> handedOut.add(entry.value()));
            return true;
        });
        assertThat(handedOut).as("handed out while the group had not confirmed the member").isEmpty();

        replaced.set(false); // the group confirms the member (say, it was not replaced after all)
        clock.advance(Duration.ofSeconds(2));
        assertThat(take().value()).isEqualTo("r1");
    }
}
