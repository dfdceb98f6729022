package io.kpool.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SentOffsetsTest {

    @Test
    void countsTheSentRecordsBelowEachCommittedPosition() {
        SentOffsets sent = new SentOffsets();
        for (long offset = 0; offset < 100; offset++) {
            sent.add(0, offset); // one run
        }
        for (long offset = 10; offset < 1000; offset += 3) {
            sent.add(2, offset); // others' records between ours: a run each
        }
        sent.add(2, 1000);
        sent.add(2, 1001);

        assertThat(sent.total()).isEqualTo(100 + 330 + 2);
        assertThat(sent.countCommitted(Map.of())).isZero();
        assertThat(sent.countCommitted(Map.of(0, 0L, 2, 10L))).isZero();
        assertThat(sent.countCommitted(Map.of(0, 50L))).isEqualTo(50);
        assertThat(sent.countCommitted(Map.of(0, 5000L, 1, 7L, 2, 11L, 9, 3L))).isEqualTo(101);
        assertThat(sent.countCommitted(Map.of(2, 1001L))).isEqualTo(331);
        assertThat(sent.countCommitted(Map.of(0, 100L, 2, 1002L))).isEqualTo(sent.total());
    }
}
