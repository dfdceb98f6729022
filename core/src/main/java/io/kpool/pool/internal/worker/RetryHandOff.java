package io.kpool.pool.internal.worker;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * How a {@link RetryForwarder} moves tier records — due retries back to the tasks topic, a retry due too far
 * ahead to the end of its tier — and commits its tier consumer past them: {@link StoredHandOff} (at least once:
 * send, wait until stored, commit) or {@link TransactionalHandOff} (exactly once: the records and the offsets in
 * one transaction). Used on the forwarder's thread only.
 */
interface RetryHandOff extends AutoCloseable {

    /**
     * A tier record and where it goes.
     *
     * @param record the tier record, committed past once {@code to} is stored
     * @param to the record it becomes: key, value and headers unchanged
     */
    record Move(ConsumerRecord<byte[], byte[]> record, ProducerRecord<byte[], byte[]> to) {
        public Move {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * @param moves per tier partition, the moves of its records in offset order
     * @return per tier partition, the offset of its first record not moved (to read again after a pause);
     *     empty if every record was
     */
    Map<TopicPartition, Long> handOff(Map<TopicPartition, List<Move>> moves);

    /** Releases what the hand-off owns (a transactional producer); the worker's producer stays open. */
    @Override
    void close();
}
