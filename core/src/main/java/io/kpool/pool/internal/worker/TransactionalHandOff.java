package io.kpool.pool.internal.worker;

import io.kpool.core.KpoolException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once: the moved records (due retries back to the tasks topic, one due too far ahead to the end of its
 * tier) and the tier consumer's offsets past them are sent with its {@code groupMetadata()} (KIP-447) in one
 * transaction of the forwarder's own producer. A forwarder killed before the commit moved nothing: its successor
 * under the same transactional id aborts the open transaction and moves the records once; a member the tier group
 * has moved on from cannot commit.
 */
final class TransactionalHandOff implements RetryHandOff {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalHandOff.class);

    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> consumer;

    /**
     * @param producer a transactional producer ({@code initTransactions} done) owned by this hand-off
     * @param consumer the tier consumer (its group metadata), used on the forwarder's thread
     */
    TransactionalHandOff(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer) {
        this.producer = producer;
        this.consumer = consumer;
    }

    @Override
    public Map<TopicPartition, Long> handOff(Map<TopicPartition, List<Move>> moves) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        moves.forEach((partition, list) -> offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).record().offset() + 1)));
        boolean open = false;
        try {
            producer.beginTransaction();
            open = true;
            moves.values().forEach(list -> list.forEach(move -> producer.send(move.to())));
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
            return Map.of();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw new KpoolException("The delay-tier forwarder was fenced: another process took its transactional id ("
                    + e.getMessage() + "); it stops", e);
        } catch (KafkaException e) {
            LOG.warn("The transaction moving {} retry record(s) failed ({}); aborting, they are read again",
                    moves.values().stream().mapToInt(List::size).sum(), e.toString());
            if (open) {
                producer.abortTransaction(); // a failure here leaves the producer unusable: the forwarder stops
            }
            Map<TopicPartition, Long> again = new HashMap<>();
            moves.forEach((partition, list) -> again.put(partition, list.get(0).record().offset()));
            return again;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
