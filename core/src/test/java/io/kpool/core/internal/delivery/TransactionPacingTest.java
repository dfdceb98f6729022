package io.kpool.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When the exactly-once committer begins a transaction: the interval since the last one, or enough staged records. */
@Timeout(10)
class TransactionPacingTest {
    private static final TopicPartition P0 = new TopicPartition("tasks", 0);
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);

    private final SteppedClock clock = new SteppedClock();
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final TransactionalCommitter committer = new TransactionalCommitter(producer, new MockConsumer<>("earliest"), "w1",
            new TransactionPacing(INTERVAL, 3), clock);
    private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
    private final PartitionLedger ledger = new PartitionLedger();
    private long nextOffset;

    @BeforeEach
    void setUp() {
        producer.initTransactions();
        ledgers.put(P0, ledger);
    }

    @Test
    void anIdleWorkersFirstAnswerCommitsAtOnceAndTheNextWaitsForTheInterval() {
        answerOne();
        committer.commitDone(ledgers);
        assertThat(producer.history()).as("the last transaction began long ago: no wait").hasSize(1);

        answerOne();
        committer.commitDone(ledgers);
        assertThat(producer.history()).as("within the interval of the last transaction's start").hasSize(1);

        clock.advance(INTERVAL);
        committer.commitDone(ledgers);
        assertThat(producer.history()).hasSize(2);
        assertThat(producer.commitCount()).isEqualTo(2);
    }

    @Test
    void enoughStagedRecordsStartATransactionBeforeTheInterval() {
        answerOne();
        committer.commitDone(ledgers);
        answerOne();
        answerOne();
        committer.commitDone(ledgers);
        assertThat(producer.commitCount()).as("2 records wait, fewer than max records").isEqualTo(1);

        answerOne();
        committer.commitDone(ledgers);
        assertThat(producer.commitCount()).as("3 records wait: max records reached").isEqualTo(2);
        assertThat(producer.history()).hasSize(4);
    }

    @Test
    void thePollThreadComesBackQuicklyWhileRecordsAreInFlightOnly() {
        assertThat(committer.pollTimeout(ledgers, IDLE_POLL)).as("nothing fetched").isEqualTo(IDLE_POLL);

        InFlight<String> running = take();
        assertThat(committer.pollTimeout(ledgers, IDLE_POLL)).as("a record runs, a transaction may begin at once")
                .isEqualTo(TransactionalCommitter.IN_FLIGHT_POLL);

        answer(running);
        committer.commitDone(ledgers);
        take();
        assertThat(committer.pollTimeout(ledgers, IDLE_POLL)).as("a transaction just began: back when the next may")
                .isEqualTo(INTERVAL);
        clock.advance(INTERVAL.minusMillis(30));
        assertThat(committer.pollTimeout(ledgers, IDLE_POLL)).isEqualTo(Duration.ofMillis(30));
    }

    private void answerOne() {
        answer(take());
    }

    private InFlight<String> take() {
        return StagedAnswers.take(ledger, nextOffset++);
    }

    private static void answer(InFlight<String> entry) {
        StagedAnswers.answer(entry);
    }
}
