package io.kpool.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Records of partition 0 of "tasks" taken into a ledger and answered, for the exactly-once committer's tests. */
final class StagedAnswers {
    private StagedAnswers() {
    }

    /** @return the record at this offset, fetched into the ledger and handed out */
    static InFlight<String> take(PartitionLedger ledger, long offset) {
        InFlight<String> entry = InFlight.value(new ConsumerRecord<>("tasks", 0, offset, new byte[0], new byte[0]), "task " + offset,
                ledger.gate());
        ledger.add(entry);
        assertThat(entry.handOver()).isTrue();
        return entry;
    }

    /** Stages the answer "answer OFFSET" for the callbacks topic on the record and marks it done. */
    static void answer(InFlight<String> entry) {
        entry.stage(new ProducerRecord<>("callbacks", ("answer " + entry.offset()).getBytes(StandardCharsets.UTF_8)));
        assertThat(entry.transition(InFlight.State.DELIVERED, InFlight.State.DONE)).isTrue();
    }
}
