package io.kpool.pool.internal.worker;

import io.kpool.core.RecordText;
import io.kpool.pool.internal.wire.PoolHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread owning a worker's delay-tier consumer (group {@code <workers' group>.retry}). A
 * partition's head not yet due ({@link PoolHeaders#DUE_AT}) is sought back to and the partition paused
 * until it is; a due record goes back to the tasks topic unchanged (key, value, headers), and its offset is
 * committed only once the broker has stored it there. The tasks topic's partitions never wait: only this
 * consumer does.
 */
final class RetryForwarder implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RetryForwarder.class);
    private static final long MAX_POLL_MILLIS = 200;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SEND_FAILURE_PAUSE = Duration.ofSeconds(1);

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final List<String> tierTopics;
    private final String tasksTopic;
    private final Clock clock;
    private final Consumer<Exception> fatal;
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private volatile boolean running = true;

    /**
     * @param consumer the tier consumer, owned by this thread from {@link #run()} on
     * @param producer the worker's producer
     * @param tierTopics the delay tier topics
     * @param tasksTopic where due retries go
     * @param clock tells when a record is due
     * @param fatal called if the consumer fails
     */
    RetryForwarder(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
                   List<String> tierTopics, String tasksTopic, Clock clock, Consumer<Exception> fatal) {
        this.consumer = consumer;
        this.producer = producer;
        this.tierTopics = tierTopics;
        this.tasksTopic = tasksTopic;
        this.clock = clock;
        this.fatal = fatal;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(tierTopics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(pausedUntil::remove); // everything forwarded is committed: nothing else to do
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // a partition starts from its committed offset, unpaused
                }
            });
            while (running) {
                resumeDue();
                forward(consumer.poll(Duration.ofMillis(pollMillis())));
            }
        } catch (WakeupException e) {
            if (running) {
                fatal.accept(e);
            }
        } catch (RuntimeException e) {
            fatal.accept(e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Stops the thread: it closes the consumer (leaving the group) and ends. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    private long pollMillis() {
        long now = clock.millis();
        return pausedUntil.values().stream().mapToLong(due -> due - now).filter(wait -> wait > 0).min()
                .stream().map(wait -> Math.min(wait, MAX_POLL_MILLIS)).findFirst().orElse(MAX_POLL_MILLIS);
    }

    private void resumeDue() {
        long now = clock.millis();
        List<TopicPartition> due = new ArrayList<>();
        pausedUntil.forEach((partition, until) -> {
            if (until <= now) {
                due.add(partition);
            }
        });
        if (!due.isEmpty()) {
            due.forEach(pausedUntil::remove);
            due.retainAll(consumer.assignment());
            consumer.resume(due);
        }
    }

    /** A due record sent back to the tasks topic, not yet known to be stored. */
    private record Sent(ConsumerRecord<byte[], byte[]> record, Future<?> stored) {
    }

    /** Sends every due record of the poll, then commits, per partition, what the tasks topic has stored. */
    private void forward(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, List<Sent>> sent = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                long due = dueAt(record);
                if (due > clock.millis()) {
                    holdUntil(partition, record.offset(), due);
                    break;
                }
                sent.computeIfAbsent(partition, p -> new ArrayList<>()).add(new Sent(record,
                        producer.send(new ProducerRecord<>(tasksTopic, null, record.key(), record.value(), record.headers()))));
            }
        }
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        sent.forEach((partition, list) -> {
            for (Sent one : list) {
                if (!stored(one)) {
                    holdUntil(partition, one.record().offset(), clock.millis() + SEND_FAILURE_PAUSE.toMillis());
                    break;
                }
                commits.put(partition, new OffsetAndMetadata(one.record().offset() + 1));
            }
        });
        if (!commits.isEmpty()) {
            consumer.commitSync(commits);
        }
    }

    /** Re-reads the partition from {@code offset} once {@code due} has come; until then it is paused. */
    private void holdUntil(TopicPartition partition, long offset, long due) {
        consumer.seek(partition, offset);
        consumer.pause(List.of(partition));
        pausedUntil.put(partition, due);
    }

    /** @return true once the tasks topic has stored the record again; false (logged) if it could not */
    private boolean stored(Sent sent) {
        ConsumerRecord<byte[], byte[]> record = sent.record();
        try {
            sent.stored().get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Cannot move the retry at {}-{}@{} back to '{}' ({}); trying again in {}", record.topic(), record.partition(),
                    record.offset(), tasksTopic, e.getCause() != null ? e.getCause() : e, SEND_FAILURE_PAUSE);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /** @return when the record is due, epoch ms; now if it names no (readable) time */
    private long dueAt(ConsumerRecord<byte[], byte[]> record) {
        String due = PoolHeaders.text(record.headers(), PoolHeaders.DUE_AT);
        if (due != null) {
            try {
                return Instant.parse(due.trim()).toEpochMilli();
            } catch (DateTimeParseException e) {
                LOG.warn("Retry at {}-{}@{} has an unreadable {} '{}'; it is due now", record.topic(), record.partition(),
                        record.offset(), PoolHeaders.DUE_AT, RecordText.forLog(due));
            }
        }
        return clock.millis();
    }
}
