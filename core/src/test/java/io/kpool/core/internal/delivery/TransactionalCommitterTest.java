package io.kpool.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpool.core.KpoolException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The exactly-once commit cycle's rules on MockProducer/MockConsumer: what goes into which transaction. */
@Timeout(10)
class TransactionalCommitterTest {
    private static final TopicPartition P0 = new TopicPartition("tasks", 0);

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final TransactionalCommitter committer = new TransactionalCommitter(producer, consumer, "w1", new TransactionPacing(Duration.ZERO, 1_000),
            Clock.systemUTC());
    private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
    private PartitionLedger ledger;

    @BeforeEach
    void setUp() {
        producer.initTransactions();
        ledger = new PartitionLedger();
        ledgers.put(P0, ledger);
    }

    @Test
    void answersBeyondTheDonePrefixWaitAndCommitWithTheOffsetThatCoversThem() {
        List<InFlight<String>> records = List.of(take(0), take(1), take(2));
        answer(records.get(1));
        answer(records.get(2));

        committer.commitDone(ledgers);
        assertThat(producer.history()).as("nothing before the prefix reaches them").isEmpty();
        assertThat(producer.consumerGroupOffsetsHistory()).isEmpty();

        answer(records.get(0));
        committer.commitDone(ledgers);

        assertThat(producer.history()).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly("answer 0", "answer 1", "answer 2");
        assertThat(committedOffsets()).containsEntry(P0, new OffsetAndMetadata(3, ""));
    }

    @Test
    void anAbortedTransactionsRecordsAndOffsetsGoIntoTheNextOnce() {
        answer(take(0));
        producer.commitTransactionException = new KafkaException("rebalance in progress");

        committer.commitDone(ledgers);
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).isEmpty();

        producer.commitTransactionException = null;
        answer(take(1));
        committer.commitDone(ledgers);

        assertThat(producer.history()).hasSize(2);
        assertThat(committedOffsets()).containsEntry(P0, new OffsetAndMetadata(2, ""));
    }

    @Test
    void aPartitionHandedBackLosesWhatItStagedSoItsNextOwnerAloneAnswersIt() {
        answer(take(0));
        producer.commitTransactionException = new KafkaException("rebalance in progress");
        committer.commitDone(ledgers);
        producer.commitTransactionException = null;

        ledgers.put(P0, new PartitionLedger()); // lost, then assigned again: the record runs again
        committer.commitDone(ledgers);

        assertThat(producer.history()).isEmpty();
        assertThat(producer.consumerGroupOffsetsHistory()).isEmpty();
    }

    @Test
    void aFencedProducerStopsTheSourceAndCommitsNothingMore() {
        answer(take(0));
        producer.fenceProducer();

        assertThatThrownBy(() -> committer.commitDone(ledgers)).isInstanceOf(KpoolException.class).hasMessageContaining("fenced");
        assertThatThrownBy(() -> committer.commitDone(ledgers)).isInstanceOf(KpoolException.class);
        assertThatCode(() -> committer.commitBeforeRelease(ledgers, ledgers.keySet())).doesNotThrowAnyException();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void failingTransactionsInARowStopTheSourceAtLast() {
        answer(take(0));
        producer.commitTransactionException = new KafkaException("broker refuses");

        for (int i = 1; i < TransactionalCommitter.MAX_ABORTS_IN_A_ROW; i++) {
            committer.commitDone(ledgers);
        }
        assertThatThrownBy(() -> committer.commitDone(ledgers)).isInstanceOf(KpoolException.class)
                .hasMessageContaining(TransactionalCommitter.MAX_ABORTS_IN_A_ROW + " transactions in a row failed");
    }

    private InFlight<String> take(long offset) {
        return StagedAnswers.take(ledger, offset);
    }

    private static void answer(InFlight<String> entry) {
        StagedAnswers.answer(entry);
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets() {
        List<Map<String, Map<TopicPartition, OffsetAndMetadata>>> history = producer.consumerGroupOffsetsHistory();
        assertThat(history).isNotEmpty();
        return history.get(history.size() - 1).values().iterator().next();
    }
}
