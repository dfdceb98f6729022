package io.kpool.pool.internal.worker;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * How a {@link RetryForwarder} puts due retries back on the tasks topic and commits its tier consumer past
 * them: {@link StoredHandOff} (at least once: send, wait until stored, commit) or {@link TransactionalHandOff}
 * (exactly once: the records and the offsets in one transaction). Used on the forwarder's thread only.
 */
interface RetryHandOff extends AutoCloseable {

    /**
     * @param due per tier partition, its due records in offset order
     * @return per tier partition, the offset of its first record not handed off (to read again after a pause);
     *     empty if every record was
     */
    Map<TopicPartition, Long> handOff(Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> due);

    /** Releases what the hand-off owns (a transactional producer); the worker's producer stays open. */
    @Override
    void close();
}
