package io.kpool.pool.internal.worker;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.Resender;
import io.kpool.pool.DeadTask;
import io.kpool.pool.PoolWorkerOptions;
import io.kpool.pool.internal.wire.Attempts;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.PoolTopics;
import io.kpool.pool.internal.wire.TaskMessage;
import io.kpool.pool.internal.wire.TaskWire;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Reads a tasks topic's DLT from its start to its end for the tasks in it (records with an attempt
 * header and a readable task), and sends chosen ones back to the tasks topic with their reply headers
 * and without their attempt and dead-letter headers: a fresh first attempt.
 */
public final class DeadTaskStore {
    private DeadTaskStore() {
    }

    /** A dead task and the record it is in. */
    private record Found(DeadTask task, ConsumerRecord<byte[], byte[]> record) {
    }

    /**
     * @param options the workers' settings
     * @param timeout the longest the read may take
     * @return the dead tasks, oldest first
     */
    public static List<DeadTask> list(PoolWorkerOptions options, Duration timeout) {
        return read(options, timeout).stream().map(Found::task).toList();
    }

    /**
     * @param options the workers' settings
     * @param ids the ids to resubmit
     * @param timeout the longest the read and the sends may take
     * @return the dead tasks resubmitted
     */
    public static List<DeadTask> resubmit(PoolWorkerOptions options, Collection<String> ids, Duration timeout) {
        Map<String, Found> newest = new LinkedHashMap<>();
        for (Found found : read(options, timeout)) {
            if (ids.contains(found.task().id())) {
                newest.remove(found.task().id());
                newest.put(found.task().id(), found);
            }
        }
        List<Future<?>> sends = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(options.connection(), "resubmit")) {
            for (Found found : newest.values()) {
                RecordHeaders headers = new RecordHeaders();
                for (Header header : found.record().headers()) {
                    if (!header.key().startsWith("kpool-dlt-") && !Attempts.HEADERS.contains(header.key())
                            && !header.key().equals(Resender.SENT_AGAIN_HEADER)) { // a new record: never a copy
                        headers.add(header);
                    }
                }
                sends.add(producer.send(new ProducerRecord<>(options.tasksTopic(), null, found.record().key(), found.record().value(),
                        headers)));
            }
            for (Future<?> send : sends) {
                send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new KpoolException("Cannot resubmit dead tasks to '" + options.tasksTopic() + "': " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while resubmitting dead tasks", e);
        }
        return newest.values().stream().map(Found::task).toList();
    }

    private static List<Found> read(PoolWorkerOptions options, Duration timeout) {
        String topic = PoolTopics.deadLetterTopic(options.tasksTopic());
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Found> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.groupLessConsumer(options.connection().kafkaProperties(),
                options.clientId() + "-dead-tasks")) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, timeout) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new KpoolException("Cannot read '" + topic + "' to its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    DeadTask task = deadTask(record);
                    if (task != null) {
                        found.add(new Found(task, record));
                    }
                }
            }
        }
        return found;
    }

    /** @return the dead task in the record, or null if it holds none (no attempt header, no readable task) */
    private static DeadTask deadTask(ConsumerRecord<byte[], byte[]> record) {
        if (PoolHeaders.text(record.headers(), PoolHeaders.ATTEMPT) == null || record.value() == null) {
            return null;
        }
        try {
            Attempts attempts = Attempts.read(record.headers());
            TaskMessage task = TaskWire.readTask(record.value());
            return new DeadTask(task.id(), task.task(), attempts.attempt(), attempts.lastError(), attempts.firstFailureAt(),
                    record.partition(), record.offset());
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
