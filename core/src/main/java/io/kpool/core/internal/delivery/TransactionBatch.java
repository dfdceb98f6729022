package io.kpool.core.internal.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the next transaction of a {@link TransactionalCommitter} holds, per partition: the records staged on
 * the done records that left the partition's ledger, and the offset after them. It is kept until a
 * transaction commits it; a partition whose ledger was replaced (revoked or lost, maybe assigned again) is
 * dropped, because its records will be run again by whoever owns it now. Confined to the poll thread.
 */
final class TransactionBatch {

    /** One partition's part: the ledger it was taken from, its staged records, the offset to commit. */
    private static final class Part {
        private final PartitionLedger ledger;
        private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        private OffsetAndMetadata offset;

        Part(PartitionLedger ledger) {
            this.ledger = ledger;
        }
    }

    private final Map<TopicPartition, Part> parts = new HashMap<>();

    /** Adds each partition's newly done prefix: its records' staged output and the offset after it. */
    void collect(Map<TopicPartition, PartitionLedger> ledgers) {
        parts.entrySet().removeIf(entry -> ledgers.get(entry.getKey()) != entry.getValue().ledger);
        ledgers.forEach((partition, ledger) -> {
            List<ProducerRecord<byte[], byte[]>> staged = new ArrayList<>();
            ledger.advance(done -> staged.addAll(done.staged())).ifPresent(offset -> {
                Part part = parts.computeIfAbsent(partition, p -> new Part(ledger));
                part.records.addAll(staged);
                part.offset = offset;
            });
        });
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** @return every staged record, partition by partition in offset order */
    List<ProducerRecord<byte[], byte[]>> records() {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        parts.values().forEach(part -> records.addAll(part.records));
        return records;
    }

    int recordCount() {
        return parts.values().stream().mapToInt(part -> part.records.size()).sum();
    }

    /** @return the offsets to commit with the records */
    Map<TopicPartition, OffsetAndMetadata> offsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        parts.forEach((partition, part) -> offsets.put(partition, part.offset));
        return offsets;
    }

    /** The transaction holding this batch committed: the ledgers learn their committed offsets, the batch empties. */
    void committed() {
        parts.values().forEach(part -> part.ledger.committed(part.offset.offset()));
        parts.clear();
    }

    /** These partitions are handed back: what they have here will run again on their next owner. */
    void drop(Collection<TopicPartition> partitions) {
        partitions.forEach(parts::remove);
    }
}
