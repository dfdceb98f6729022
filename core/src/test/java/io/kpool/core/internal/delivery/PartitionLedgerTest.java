package io.kpool.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.kpool.queue.QueueItem;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class PartitionLedgerTest {

    private static InFlight<QueueItem> delivered(long offset) {
        InFlight<QueueItem> entry = InFlight.value(new ConsumerRecord<byte[], byte[]>("t", 0, offset, null, null),
                new QueueItem("id-" + offset, TextNode.valueOf("x"), "p", "t", 0, offset), new PartitionGate());
        entry.transition(InFlight.State.BUFFERED, InFlight.State.DELIVERED);
        return entry;
    }

    private static void done(InFlight<?> entry) {
        entry.transition(InFlight.State.DELIVERED, InFlight.State.DONE);
    }

    @Test
    void onlyTheContiguousDonePrefixIsCommittable() {
        PartitionLedger ledger = new PartitionLedger();
        InFlight<QueueItem> first = delivered(10);
        InFlight<QueueItem> second = delivered(11);
        InFlight<QueueItem> third = delivered(12);
        ledger.add(first);
        ledger.add(second);
        ledger.add(third);

        done(second);
        done(third);
        assertThat(ledger.advance()).as("item 10 is not done yet").isEmpty();

        done(first);
        assertThat(ledger.advance()).contains(new OffsetAndMetadata(13, ""));
    }

    @Test
    void aCommitIsOfferedOnlyWhenThePositionAdvanced() {
        PartitionLedger ledger = new PartitionLedger();
        InFlight<QueueItem> entry = delivered(0);
        ledger.add(entry);
        done(entry);

        OffsetAndMetadata offset = ledger.advance().orElseThrow();
        ledger.committed(offset.offset());

        assertThat(ledger.advance()).isEmpty();
        assertThat(ledger.committable()).contains(offset);
    }

    @Test
    void committingPastAPillCarriesThePoisonedMarker() {
        PartitionLedger ledger = new PartitionLedger();
        InFlight<QueueItem> item = delivered(4);
        ledger.add(item);
        ledger.add(InFlight.pill(0, 5));
        assertThat(ledger.isPoisoned()).isTrue();

        done(item);

        assertThat(ledger.advance()).contains(new OffsetAndMetadata(6, PartitionLedger.POISONED_METADATA));
    }

    @Test
    void revokingMarksOnlyUntakenItemsAndKeepsHandedOutOnesPending() {
        PartitionLedger ledger = new PartitionLedger();
        InFlight<QueueItem> taken = delivered(0);
        InFlight<QueueItem> untaken = InFlight.value(new ConsumerRecord<byte[], byte[]>("t", 0, 1L, null, null),
                new QueueItem("id-1", TextNode.valueOf("y"), "p", "t", 0, 1), ledger.gate());
        ledger.add(taken);
        ledger.add(untaken);

        ledger.revokeBuffered();

        assertThat(untaken.state()).isEqualTo(InFlight.State.REVOKED);
        assertThat(ledger.hasDelivered()).isTrue();
        done(taken);
        assertThat(ledger.hasDelivered()).isFalse();
        assertThat(ledger.advance()).contains(new OffsetAndMetadata(1, ""));
    }

    @Test
    void onceRevokingBeganNoBufferedRecordOfThePartitionCanBeHandedOutEvenLaterOnes() {
        PartitionLedger ledger = new PartitionLedger();
        List<InFlight<QueueItem>> buffered = new ArrayList<>();
        for (long offset = 0; offset < 100; offset++) {
            InFlight<QueueItem> entry = InFlight.value(new ConsumerRecord<byte[], byte[]>("t", 0, offset, null, null),
                    new QueueItem("id-" + offset, TextNode.valueOf("z"), "p", "t", 0, offset), ledger.gate());
            ledger.add(entry);
            buffered.add(entry);
        }
        assertThat(buffered.get(0).handOver()).isTrue();

        ledger.revokeBuffered();

        assertThat(buffered.subList(1, 100)).noneMatch(InFlight::handOver);
        assertThat(buffered.subList(1, 100)).allMatch(entry -> entry.state() == InFlight.State.REVOKED);
    }

    @Test
    void aFailedCommitIsSentAgainThoughThePartitionMadeNoProgress() {
        PartitionLedger ledger = new PartitionLedger();
        InFlight<QueueItem> item = delivered(0);
        ledger.add(item);
        done(item);
        OffsetAndMetadata sent = ledger.advance().orElseThrow();
        ledger.committed(sent.offset());
        assertThat(ledger.advance()).isEmpty();

        ledger.commitFailed(sent.offset());

        assertThat(ledger.advance()).contains(sent);
    }
}
