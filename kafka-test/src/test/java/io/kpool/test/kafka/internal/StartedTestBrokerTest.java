package io.kpool.test.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpool.test.kafka.TestKafka;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartedTestBrokerTest {
    private final AtomicInteger stops = new AtomicInteger();

    @Test
    void aBrokerThatFailsToStartIsStoppedAndTheStartFailureRethrown() {
        IllegalStateException startFailure = new IllegalStateException("port taken");

        assertThatThrownBy(() -> StartedTestBroker.startOrStop(() -> { throw startFailure; }, stops::incrementAndGet))
                .isSameAs(startFailure)
                .satisfies(thrown -> assertThat(thrown.getSuppressed()).isEmpty());
        assertThat(stops).hasValue(1);
    }

    @Test
    void aStopThatAlsoFailsIsAddedToTheStartFailureAsSuppressed() {
        IllegalStateException startFailure = new IllegalStateException("port taken");
        IllegalStateException stopFailure = new IllegalStateException("already gone");

        assertThatThrownBy(() -> StartedTestBroker.startOrStop(() -> { throw startFailure; }, () -> { throw stopFailure; }))
                .isSameAs(startFailure)
                .satisfies(thrown -> assertThat(thrown.getSuppressed()).containsExactly(stopFailure));
    }

    @Test
    void aStartedBrokerIsStoppedOnlyWhenClosed() {
        StartedTestBroker.startOrStop(() -> { }, stops::incrementAndGet);
        assertThat(stops).hasValue(0);

        try (StartedTestBroker broker = new FakeBroker(stops)) {
            assertThat(broker.bootstrapServers()).isEqualTo("localhost:1");
            assertThat(broker.kind()).isEqualTo(TestKafka.EMBEDDED);
            assertThat(stops).hasValue(0);
        }
        assertThat(stops).hasValue(1);
    }

    private static final class FakeBroker extends StartedTestBroker {
        FakeBroker(AtomicInteger stops) {
            super(TestKafka.EMBEDDED, () -> "localhost:1", stops::incrementAndGet);
        }
    }
}
