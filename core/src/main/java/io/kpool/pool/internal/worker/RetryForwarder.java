package io.kpool.pool.internal.worker;

import io.kpool.core.ConnectionOptions;
import io.kpool.core.DeliveryGuarantee;
import io.kpool.core.RecordText;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.pool.PoolWorkerOptions;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.RetryTiers;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread owning a worker's delay-tier consumer (group {@code <workers' group>.retry}). A
 * partition's head not yet due ({@link PoolHeaders#DUE_AT}) is sought back to and the partition paused
 * until it is, but one head is held {@link RetryTiers#holdLimit} at most: still not due then, it goes to the end of
 * the tier its remaining wait calls for (its own, or a longer one), so a due time far ahead (a long countdown, or a
 * foreign record's year 9999) delays the records behind it by that limit, never more. A due record goes back to the
 * tasks topic unchanged (key, value, headers); either move goes through the {@link RetryHandOff}: stored, then
 * committed (at least once), or with its offset in one transaction (a worker in exactly-once mode). The tasks
 * topic's partitions never wait: only this consumer does.
 */
final class RetryForwarder implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RetryForwarder.class);
    private static final long MAX_POLL_MILLIS = 200;
    private static final Duration SEND_FAILURE_PAUSE = Duration.ofSeconds(1);

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final RetryHandOff handOff;
    private final List<String> tierTopics;
    private final String tasksTopic;
    private final Clock clock;
    private final Consumer<Exception> fatal;
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    /** Per partition, the head being held: its offset and since when (this member's clock). */
    private final Map<TopicPartition, Held> held = new HashMap<>();
    private volatile boolean running = true;

    /**
     * @param consumer the tier consumer, owned by this thread from {@link #run()} on
     * @param handOff puts due records back on the tasks topic and commits past them; closed when the thread ends
     * @param tierTopics the delay tier topics
     * @param tasksTopic where due retries go
     * @param clock tells when a record is due
     * @param fatal called if the consumer fails
     */
    RetryForwarder(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, RetryHandOff handOff,
                   List<String> tierTopics, String tasksTopic, Clock clock, Consumer<Exception> fatal) {
        this.consumer = consumer;
        this.handOff = handOff;
        this.tierTopics = tierTopics;
        this.tasksTopic = tasksTopic;
        this.clock = clock;
        this.fatal = fatal;
    }

    /**
     * @param options the worker's settings: its delivery guarantee picks the hand-off
     * @param group the delay-tier consumers' group
     * @param producer the worker's producer (at least once)
     * @param fatal called if the forwarder fails
     * @return the worker's forwarder, not yet running; in exactly-once mode with a transactional producer of its own
     *     whose id is the worker's transactional id with {@code -retry}
     */
    static RetryForwarder forWorker(PoolWorkerOptions options, String group, Producer<byte[], byte[]> producer,
                                    Consumer<Exception> fatal) {
        ConnectionOptions connection = options.connection();
        KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(new ConnectionOptions(connection.clientId() + "-retry",
                connection.kafkaProperties(), connection.replicationFactor()), group);
        RetryHandOff handOff;
        try {
            handOff = options.guarantee() == DeliveryGuarantee.EXACTLY_ONCE
                    ? new TransactionalHandOff(KafkaClients.transactionalProducer(connection, "retry-transactions",
                            WorkerStartup.transactionalId(options) + "-retry"), consumer)
                    : new StoredHandOff(producer, consumer);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            throw e;
        }
        return new RetryForwarder(consumer, handOff, RetryTiers.topics(options.tasksTopic()), options.tasksTopic(),
                Clock.systemUTC(), fatal);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(tierTopics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(pausedUntil::remove); // everything forwarded is committed: nothing else to do
                    partitions.forEach(held::remove);
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
            try {
                handOff.close();
            } finally {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            }
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

    /**
     * Moves every due record of the poll back to the tasks topic, and a head held too long to the end of its tier; a
     * partition's first record not yet due, or not moved, is read again later.
     */
    private void forward(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, List<RetryHandOff.Move>> moves = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                long now = clock.millis();
                long dueAt = dueAt(record);
                ProducerRecord<byte[], byte[]> to;
                if (dueAt <= now) {
                    to = backToTasks(tasksTopic, record);
                } else {
                    long heldUntil = heldSince(partition, record.offset(), now) + RetryTiers.holdLimit(record.topic()).toMillis();
                    if (heldUntil > now) {
                        holdUntil(partition, record.offset(), Math.min(dueAt, heldUntil));
                        break;
                    }
                    to = new ProducerRecord<>(RetryTiers.topic(tasksTopic, Duration.ofMillis(dueAt - now)), null, record.key(),
                            record.value(), record.headers());
                    LOG.info("Retry at {}-{}@{} is due at {}, beyond what its tier holds; it goes to the end of '{}'",
                            record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(dueAt), to.topic());
                }
                held.remove(partition);
                moves.computeIfAbsent(partition, p -> new ArrayList<>()).add(new RetryHandOff.Move(record, to));
            }
        }
        if (!moves.isEmpty()) {
            handOff.handOff(moves).forEach((partition, offset) -> {
                LOG.warn("Retries of {} from offset {} are moved again in {}", partition, offset, SEND_FAILURE_PAUSE);
                holdUntil(partition, offset, clock.millis() + SEND_FAILURE_PAUSE.toMillis());
            });
        }
    }

    /** @return since when this member holds the partition's head at {@code offset}: now, if it is a new head */
    private long heldSince(TopicPartition partition, long offset, long now) {
        Held head = held.get(partition);
        if (head == null || head.offset() != offset) {
            head = new Held(offset, now);
            held.put(partition, head);
        }
        return head.since();
    }

    private record Held(long offset, long since) {
    }

    /** @return a due retry as it goes back to the tasks topic: unchanged (key, value, headers) */
    private static ProducerRecord<byte[], byte[]> backToTasks(String tasksTopic, ConsumerRecord<byte[], byte[]> record) {
        return new ProducerRecord<>(tasksTopic, null, record.key(), record.value(), record.headers());
    }

    /** Re-reads the partition from {@code offset} once {@code due} has come; until then it is paused. */
    private void holdUntil(TopicPartition partition, long offset, long due) {
        consumer.seek(partition, offset);
        consumer.pause(List.of(partition));
        pausedUntil.put(partition, due);
    }

    /** @return when the record is due, epoch ms; now if it names no (readable, representable) time */
    private long dueAt(ConsumerRecord<byte[], byte[]> record) {
        String due = PoolHeaders.text(record.headers(), PoolHeaders.DUE_AT);
        if (due != null) {
            try {
                return Instant.parse(due.trim()).toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) { // unreadable, or beyond what epoch milliseconds hold
                LOG.warn("Retry at {}-{}@{} has an unreadable {} '{}'; it is due now", record.topic(), record.partition(),
                        record.offset(), PoolHeaders.DUE_AT, RecordText.forLog(due));
            }
        }
        return clock.millis();
    }
}
