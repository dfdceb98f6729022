package io.kpool.pool.internal.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At least once: each due record goes back to the tasks topic unchanged (key, value, headers), and its offset is
 * committed only once the broker has stored it there. A forwarder killed between the two forwards it again.
 */
final class StoredHandOff implements RetryHandOff {
    private static final Logger LOG = LoggerFactory.getLogger(StoredHandOff.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> consumer;
    private final String tasksTopic;

    /**
     * @param producer the worker's producer
     * @param consumer the tier consumer (its commits), used on the forwarder's thread
     * @param tasksTopic where due retries go
     */
    StoredHandOff(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer, String tasksTopic) {
        this.producer = producer;
        this.consumer = consumer;
        this.tasksTopic = tasksTopic;
    }

    /** A due record sent back to the tasks topic, not yet known to be stored. */
    private record Sent(ConsumerRecord<byte[], byte[]> record, Future<?> stored) {
    }

    @Override
    public Map<TopicPartition, Long> handOff(Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> due) {
        Map<TopicPartition, List<Sent>> sent = new HashMap<>();
        due.forEach((partition, records) -> records.forEach(record -> sent.computeIfAbsent(partition, p -> new ArrayList<>())
                .add(new Sent(record, producer.send(RetryForwarder.backToTasks(tasksTopic, record))))));
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        Map<TopicPartition, Long> failed = new HashMap<>();
        sent.forEach((partition, list) -> {
            for (Sent one : list) {
                if (!stored(one)) {
                    failed.put(partition, one.record().offset());
                    break;
                }
                commits.put(partition, new OffsetAndMetadata(one.record().offset() + 1));
            }
        });
        if (!commits.isEmpty()) {
            consumer.commitSync(commits);
        }
        return failed;
    }

    /** @return true once the tasks topic has stored the record again; false (logged) if it could not */
    private boolean stored(Sent sent) {
        ConsumerRecord<byte[], byte[]> record = sent.record();
        try {
            sent.stored().get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Cannot move the retry at {}-{}@{} back to '{}' ({})", record.topic(), record.partition(), record.offset(),
                    tasksTopic, e.getCause() != null ? e.getCause() : e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    @Override
    public void close() {
        // the producer is the worker's
    }
}
