package io.kpool.core.internal.delivery;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link ConsumerGroupSource} takes in one fetched record, on its poll thread: decoded into its partition's
 * ledger and the batch for the takers, or its partition's poison pill (the partition pauses), or, when it can never
 * be processed (unknown type, no value, undecodable, a pill nothing here takes), into the ledger as a dead letter,
 * done once the dead-letter topic has it, or, a copy its producer sent again of a record taken in before
 * ({@link RecentRecords}), into the ledger as done. Whatever one record does, its partition goes on.
 *
 * @param <T> the decoded value
 */
final class RecordAdmission<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupSource.class); // the member's lines, as before

    private final Consumer<byte[], byte[]> consumer;
    private final StreamOptions options;
    private final RecordDecoder<T> decoder;
    private final DeadLetterPublisher deadLetters;
    private final boolean stagedDeadLetters;
    private final Map<TopicPartition, PartitionLedger> ledgers;
    private final java.util.function.Consumer<RuntimeException> failed;
    /** The records of one poll, decoded, that go to the buffer together: one hand-over wakes the takers once. */
    private final List<InFlight<T>> fetched = new ArrayList<>();

    /**
     * @param stagedDeadLetters whether a dead letter is staged on its record, for the transaction that commits the
     *     record's offset (exactly once), instead of sent at once
     * @param ledgers the member's ledgers, shared with its poll loop
     * @param failed told when a dead letter cannot be written: the member fails
     */
    RecordAdmission(Consumer<byte[], byte[]> consumer, StreamOptions options,
                    RecordDecoder<T> decoder, DeadLetterPublisher deadLetters, boolean stagedDeadLetters,
                    Map<TopicPartition, PartitionLedger> ledgers, java.util.function.Consumer<RuntimeException> failed) {
        this.consumer = consumer;
        this.options = options;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.stagedDeadLetters = stagedDeadLetters;
        this.ledgers = ledgers;
        this.failed = failed;
    }

    /** @param record one fetched record, admitted to its partition's ledger unless the partition is gone or past its pill */
    void accept(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionLedger ledger = ledgers.get(partition);
        if (ledger == null || ledger.isPoisoned()) {
            return; // past a pill: left uncommitted for whoever consumes this partition next
        }
        String rejection;
        try {
            rejection = admit(ledger, partition, record);
        } catch (RuntimeException e) {
            rejection = "cannot be read: " + e; // whatever one record does, its partition goes on
        }
        if (rejection != null) {
            deadLetter(ledger, record, rejection);
        }
    }

    /** Adds the records decoded since the last hand-over to the buffer, all at once. */
    void handOver(BlockingQueue<InFlight<T>> buffer) {
        if (!fetched.isEmpty()) {
            buffer.addAll(fetched);
            fetched.clear();
        }
    }

    /** @return null once the record is in the ledger (a value or a pill), or why it can never be processed */
    private String admit(PartitionLedger ledger, TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
        long original = ledger.recent().copyOf(record);
        if (original >= 0) {
            ledger.add(InFlight.skipped(record.partition(), record.offset()));
            LOG.info("{} skips {}@{}: a copy of offset {}, sent again by its producer after the broker answered with an"
                    + " error but had stored it", options.clientId(), partition, record.offset(), original);
            return null;
        }
        ledger.recent().remember(record);
        MessageType type = MessageType.of(record.headers(), MessageType.QUEUE_ITEM).orElse(null);
        if (type == null) {
            return "unknown " + MessageType.HEADER + " header";
        }
        if (type == MessageType.POISON_PILL) {
            if (!options.pillsEndPartitions()) {
                return "a poison pill, which nothing on topic '" + options.topic() + "' takes (stop its members with SIGTERM)";
            }
            ledger.add(InFlight.pill(record.partition(), record.offset()));
            consumer.pause(Set.of(partition));
            LOG.info("{} got the poison pill of partition {}", options.clientId(), partition);
            return null;
        }
        if (record.value() == null) {
            return "record has no value";
        }
        T value;
        try {
            value = decoder.decode(record);
        } catch (InvalidRecordException e) {
            return e.getMessage();
        }
        InFlight<T> entry = InFlight.value(record, value, ledger.gate());
        ledger.add(entry);
        fetched.add(entry);
        return null;
    }

    private void deadLetter(PartitionLedger ledger, ConsumerRecord<byte[], byte[]> record, String error) {
        InFlight<T> entry = InFlight.deadLetter(record.partition(), record.offset());
        ledger.add(entry);
        if (stagedDeadLetters) { // exactly once: in the transaction that commits the record's offset
            entry.stage(deadLetters.deadLetter(record, error));
            entry.transition(InFlight.State.DELIVERED, InFlight.State.DONE);
            return;
        }
        deadLetters.send(record, error, () -> entry.transition(InFlight.State.DELIVERED, InFlight.State.DONE),
                e -> failed.accept(new KpoolException("Cannot write to dead-letter topic '" + options.deadLetterTopic()
                        + "': " + e.getMessage() + "; the record stays uncommitted", e)));
    }
}
