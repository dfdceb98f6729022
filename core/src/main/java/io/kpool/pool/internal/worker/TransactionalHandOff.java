package io.kpool.pool.internal.worker;

import io.kpool.core.KpoolException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once: the due records go back to the tasks topic and the tier consumer's offsets past them are sent
 * with its {@code groupMetadata()} (KIP-447) in one transaction of the forwarder's own producer. A forwarder
 * killed before the commit forwarded nothing: its successor under the same transactional id aborts the open
 * transaction and forwards the records once; a member the tier group has moved on from cannot commit.
 */
final class TransactionalHandOff implements RetryHandOff {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalHandOff.class);

    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> consumer;
    private final String tasksTopic;

    /**
     * @param producer a transactional producer ({@code initTransactions} done) owned by this hand-off
     * @param consumer the tier consumer (its group metadata), used on the forwarder's thread
     * @param tasksTopic where due retries go
     */
    TransactionalHandOff(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer, String tasksTopic) {
        this.producer = producer;
        this.consumer = consumer;
        this.tasksTopic = tasksTopic;
    }

    @Override
    public Map<TopicPartition, Long> handOff(Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> due) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        due.forEach((partition, records) -> offsets.put(partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1)));
        boolean open = false;
        try {
            producer.beginTransaction();
            open = true;
            due.values().forEach(records -> records.forEach(record -> producer.send(RetryForwarder.backToTasks(tasksTopic, record))));
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
            return Map.of();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw new KpoolException("The delay-tier forwarder was fenced: another process took its transactional id ("
                    + e.getMessage() + "); it stops", e);
        } catch (KafkaException e) {
            LOG.warn("The transaction moving {} retry record(s) back to '{}' failed ({}); aborting, they are read again",
                    due.values().stream().mapToInt(List::size).sum(), tasksTopic, e.toString());
            if (open) {
                producer.abortTransaction(); // a failure here leaves the producer unusable: the forwarder stops
            }
            Map<TopicPartition, Long> again = new HashMap<>();
            due.forEach((partition, records) -> again.put(partition, records.get(0).offset()));
            return again;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
