package io.kpool.core.internal.delivery;

import io.kpool.core.KpoolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once commits: on the poll thread, paced by {@link TransactionPacing} (as soon as something is done and
 * the interval since the last transaction's start is up, or once enough records are staged), one Kafka
 * transaction holds the records staged
 * on the records of each partition's done prefix ({@link InFlight#stage}: results, retries, dead letters)
 * and the prefix's next offsets, sent with the consumer's {@code groupMetadata()} (KIP-447), so a member
 * the group has moved on from cannot commit. No transaction is open while work runs: the takers only stage.
 * A done record beyond the prefix keeps its staged records until the prefix reaches it; if the process
 * dies first, the record runs again and nothing of its first run was ever visible.
 *
 * <p>An aborted transaction's records and offsets are kept and sent again in the next one (the work is not
 * re-run); a commit that timed out is retried as it is. A fenced producer (a newer process with the same
 * transactional id) is fatal: the source stops, and its records run on the members that own them now.
 */
public final class TransactionalCommitter implements OffsetCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalCommitter.class);
    /** Aborted transactions in a row after which the source gives up (and its partitions go to other members). */
    static final int MAX_ABORTS_IN_A_ROW = 50;
    /** How often the poll thread looks for finished records while some are in flight and a transaction may begin. */
    static final Duration IN_FLIGHT_POLL = Duration.ofMillis(2);

    private enum Open { NONE, COMMITTING, ABORTING }

    private final Producer<byte[], byte[]> producer;
    private final Consumer<?, ?> consumer;
    private final String clientId;
    private final TransactionPacing pacing;
    private final Clock clock;
    private final TransactionBatch batch = new TransactionBatch();
    private final CommitFailureLog failureLog;
    private Open open = Open.NONE;
    private int abortsInARow;
    private KpoolException fenced;
    private Instant nextCommit = Instant.MIN;

    /**
     * @param producer a transactional producer ({@code initTransactions} done), used on the poll thread only
     * @param consumer the consumer whose group the offsets are committed for (used on its poll thread only)
     * @param clientId names the member in log lines
     * @param pacing when a transaction begins
     * @param clock paces the commits
     */
    public TransactionalCommitter(Producer<byte[], byte[]> producer, Consumer<?, ?> consumer, String clientId,
                                  TransactionPacing pacing, Clock clock) {
        this.producer = producer;
        this.consumer = consumer;
        this.clientId = clientId;
        this.pacing = pacing;
        this.clock = clock;
        this.failureLog = CommitFailureLog.ofTransactions(LOG, clientId, clock);
    }

    /** Begins a transaction once something is committable and the interval is up, or the batch holds enough records. */
    @Override
    public void commitDone(Map<TopicPartition, PartitionLedger> ledgers) {
        if (fenced != null) {
            throw fenced;
        }
        Instant now = clock.instant();
        if (open == Open.NONE) {
            batch.collect(ledgers);
            if (batch.isEmpty() || now.isBefore(nextCommit) && batch.recordCount() < pacing.maxRecords()) {
                return;
            }
        } else if (now.isBefore(nextCommit)) {
            return; // a commit or abort that timed out is finished after the interval
        }
        nextCommit = now.plus(pacing.interval());
        if (!commit(ledgers)) {
            abortsInARow++;
            if (abortsInARow >= MAX_ABORTS_IN_A_ROW) {
                throw new KpoolException(clientId + ": " + abortsInARow + " transactions in a row failed; stopping, the"
                        + " uncommitted records run again on the group's members");
            }
        }
    }

    @Override
    public void commitBeforeRelease(Map<TopicPartition, PartitionLedger> ledgers, Collection<TopicPartition> partitions) {
        try {
            if (fenced == null && !commit(ledgers)) {
                throw new KafkaException(clientId + ": the transaction before handing back " + partitions + " failed");
            }
        } catch (KpoolException e) {
            throw new KafkaException(e.getMessage(), e); // the source logs a failed release and goes on releasing
        } finally {
            batch.drop(partitions);
        }
    }

    /**
     * Commits what is done in a transaction, then the partitions' positions in one more: the broker checks offsets sent
     * to a transaction against the member's generation (KIP-447), so a member the group replaced is refused.
     */
    @Override
    public void confirmOwnership(Map<TopicPartition, PartitionLedger> ledgers) {
        if (!commit(ledgers)) {
            throw new KafkaException(clientId + ": the transaction of its done records failed");
        }
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        ledgers.forEach((partition, ledger) -> ledger.position().ifPresent(offset -> positions.put(partition, offset)));
        if (positions.isEmpty()) { // nothing fetched, nothing buffered: nothing to protect
            return;
        }
        try {
            producer.beginTransaction();
            open = Open.ABORTING;
            producer.sendOffsetsToTransaction(positions, consumer.groupMetadata());
            open = Open.COMMITTING;
            producer.commitTransaction();
            open = Open.NONE;
            positions.forEach((partition, offset) -> ledgers.get(partition).committed(offset.offset()));
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fence(" was fenced: another process took its transactional id (", e);
        } catch (KafkaException e) {
            abortOpen();
            throw e;
        }
    }

    /**
     * While records are in flight, the poll thread comes back by the time the next transaction may begin, and
     * at least every {@link #IN_FLIGHT_POLL}, so a finished record does not wait out a whole idle poll.
     */
    @Override
    public Duration pollTimeout(Map<TopicPartition, PartitionLedger> ledgers, Duration idle) {
        if (batch.isEmpty() && ledgers.values().stream().noneMatch(PartitionLedger::hasPending)) {
            return idle;
        }
        Duration untilNext = Duration.between(clock.instant(), nextCommit);
        return untilNext.compareTo(IN_FLIGHT_POLL) < 0 ? IN_FLIGHT_POLL : untilNext.compareTo(idle) > 0 ? idle : untilNext;
    }

    @Override
    public boolean writesStagedRecords() {
        return true;
    }

    /** @return true if everything committable is committed (or nothing was), false if it stays for the next turn */
    private boolean commit(Map<TopicPartition, PartitionLedger> ledgers) {
        if (fenced != null) {
            throw fenced;
        }
        try {
            resolveOpen();
            batch.collect(ledgers);
            if (batch.isEmpty()) {
                return true;
            }
            producer.beginTransaction();
            open = Open.ABORTING; // from here, a failure must abort
            batch.records().forEach(record -> producer.send(record));
            Map<TopicPartition, OffsetAndMetadata> offsets = batch.offsets();
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            }
            open = Open.COMMITTING;
            producer.commitTransaction();
            open = Open.NONE;
            batch.committed();
            abortsInARow = 0;
            failureLog.succeeded();
            return true;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fence(" was fenced: another process took its transactional id (", e);
        } catch (TimeoutException e) {
            failureLog.failed(e); // committed or aborted on the next turn, before anything else
            return false;
        } catch (KafkaException e) {
            failureLog.failed(e);
            abortOpen();
            return false;
        }
    }

    /** A commit or abort that timed out must be finished before the next transaction begins. */
    private void resolveOpen() {
        if (open == Open.COMMITTING) {
            producer.commitTransaction();
            open = Open.NONE;
            batch.committed();
        } else if (open == Open.ABORTING) {
            producer.abortTransaction();
            open = Open.NONE;
        }
    }

    private void abortOpen() {
        if (open == Open.NONE) {
            return;
        }
        try {
            producer.abortTransaction();
            open = Open.NONE;
        } catch (TimeoutException e) {
            open = Open.ABORTING;
        } catch (KafkaException e) {
            throw fence(": cannot abort its transaction (", e);
        }
    }

    /** Stops this committer for good: every later commit throws the same exception. @return that exception */
    private KpoolException fence(String what, Exception cause) {
        fenced = new KpoolException(clientId + what + cause.getMessage() + "); it stops, its uncommitted records run again on"
                + " the group's members", cause);
        return fenced;
    }
}
