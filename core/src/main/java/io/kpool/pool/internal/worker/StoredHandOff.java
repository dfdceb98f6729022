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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At least once: each tier record is sent where its move says, and its offset is committed only once the broker
 * has stored it there. A forwarder killed between the two moves it again.
 */
final class StoredHandOff implements RetryHandOff {
    private static final Logger LOG = LoggerFactory.getLogger(StoredHandOff.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> consumer;

    /**
     * @param producer the worker's producer
     * @param consumer the tier consumer (its commits), used on the forwarder's thread
     */
    StoredHandOff(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer) {
        this.producer = producer;
        this.consumer = consumer;
    }

    /** A moved record, sent, not yet known to be stored. */
    private record Sent(Move move, Future<?> stored) {
    }

    @Override
    public Map<TopicPartition, Long> handOff(Map<TopicPartition, List<Move>> moves) {
        Map<TopicPartition, List<Sent>> sent = new HashMap<>();
        moves.forEach((partition, list) -> list.forEach(move -> sent.computeIfAbsent(partition, p -> new ArrayList<>())
                .add(new Sent(move, producer.send(move.to())))));
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        Map<TopicPartition, Long> failed = new HashMap<>();
        sent.forEach((partition, list) -> {
            for (Sent one : list) {
                if (!stored(one)) {
                    failed.put(partition, one.move().record().offset());
                    break;
                }
                commits.put(partition, new OffsetAndMetadata(one.move().record().offset() + 1));
            }
        });
        if (!commits.isEmpty()) {
            consumer.commitSync(commits);
        }
        return failed;
    }

    /** @return true once the record's destination has stored it; false (logged) if it could not */
    private boolean stored(Sent sent) {
        ConsumerRecord<byte[], byte[]> record = sent.move().record();
        try {
            sent.stored().get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Cannot move the retry at {}-{}@{} to '{}' ({})", record.topic(), record.partition(), record.offset(),
                    sent.move().to().topic(), e.getCause() != null ? e.getCause() : e);
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
