package io.kpool.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The at-least-once commit strategy on MockConsumer: what it commits, when, and what it leaves. */
class AsyncPrefixCommitterTest {
    private static final TopicPartition P0 = new TopicPartition("tasks", 0);
    private static final TopicPartition P1 = new TopicPartition("tasks", 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
    private Instant now = Instant.parse("2026-11-30T00:00:00Z");
    private AsyncPrefixCommitter committer;

    @BeforeEach
    void assign() {
        consumer.assign(List.of(P0, P1));
        ledgers.put(P0, new PartitionLedger());
        ledgers.put(P1, new PartitionLedger());
        committer = new AsyncPrefixCommitter(consumer, "w1", new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        });
    }

    private InFlight<String> delivered(TopicPartition partition, long offset) {
        InFlight<String> entry = InFlight.value(new ConsumerRecord<byte[], byte[]>(partition.topic(), partition.partition(), offset, null, null), "v" + offset,
                ledgers.get(partition).gate());
        ledgers.get(partition).add(entry);
        entry.handOver();
        return entry;
    }

    private static void done(InFlight<String> entry) {
        entry.transition(InFlight.State.DELIVERED, InFlight.State.DONE);
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        return consumer.committed(Set.of(P0, P1));
    }

    @Test
    void commitsOnlyTheContiguousDonePrefixOfEachPartition() {
        InFlight<String> first = delivered(P0, 0);
        delivered(P0, 1);
        InFlight<String> third = delivered(P0, 2);
        done(first);
        done(third);

        committer.commitDone(ledgers);

        assertThat(committed()).containsOnlyKeys(P0).containsEntry(P0, new OffsetAndMetadata(1, ""));
    }

    @Test
    void commitsAtMostOncePerIntervalSoAStreamOfDoneRecordsIsNotOneCommitEach() {
        done(delivered(P0, 0));
        committer.commitDone(ledgers);
        done(delivered(P0, 1));

        committer.commitDone(ledgers);
        assertThat(committed().get(P0).offset()).as("within the interval").isEqualTo(1);

        now = now.plus(Duration.ofMillis(50));
        committer.commitDone(ledgers);
        assertThat(committed().get(P0).offset()).isEqualTo(2);
    }

    @Test
    void beforeReleaseCommitsWhatIsDoneOfThosePartitionsOnlyAtOnce() {
        done(delivered(P0, 0));
        done(delivered(P1, 0));

        committer.commitBeforeRelease(ledgers, List.of(P1));

        assertThat(committed()).containsOnlyKeys(P1).containsEntry(P1, new OffsetAndMetadata(1, ""));
    }
}
