package io.kpool.pool.internal.client;

import io.kpool.core.ConnectionOptions;
import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.pool.RemoteTaskException;
import io.kpool.pool.StoredResult;
import io.kpool.pool.StoredTaskState;
import io.kpool.pool.TaskTimeoutException;
import io.kpool.pool.internal.wire.TaskStateMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;

/**
 * A task's result read from the state topic: the task id's partition (Kafka's default partitioner, as the
 * workers write it) read from its start to its end, the last record with the id winning; a tombstone or no
 * record at all is PENDING. Each call uses its own consumer, owned by the calling thread for the call.
 */
final class StoredTaskResult implements StoredResult {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);

    private final ConnectionOptions connection;
    private final String topic;
    private final String id;
    private final byte[] key;

    StoredTaskResult(ConnectionOptions connection, String topic, String id) {
        if (topic.isEmpty()) {
            throw new KpoolException("Task states are not recorded: kpool.pool.state.topic is empty; set it (e.g. kpool-task-states) "
                    + "on the workers and here");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a task id must not be empty");
        }
        this.connection = connection;
        this.topic = topic;
        this.id = id;
        this.key = id.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public StoredTaskState state() {
        return await(Duration.ZERO);
    }

    @Override
    public StoredTaskState await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int partitions = partitions();
        if (partitions == 0) {
            return StoredTaskState.pending(id);
        }
        TopicPartition partition = new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key)) % partitions);
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.assignedConsumer(connection, "state")) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), CLIENT_TIMEOUT).get(partition);
            StoredTaskState latest = StoredTaskState.pending(id);
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (Arrays.equals(record.key(), key)) {
                        latest = record.value() == null ? StoredTaskState.pending(id) : parse(record.value(), latest);
                    }
                }
                if (consumer.position(partition, CLIENT_TIMEOUT) >= end
                        && (latest.status().finished() || System.nanoTime() - deadline >= 0)) {
                    return latest;
                }
            }
        }
    }

    @Override
    public Object get(Duration timeout) {
        StoredTaskState state = await(timeout);
        return switch (state.status()) {
            case SUCCESS -> state.result() == null || state.result().isNull() ? null : Json.mapper().convertValue(state.result(), Object.class);
            case FAILURE, EXPIRED -> throw new RemoteTaskException(id, state.task(), state.errorType(), state.errorMessage(),
                    state.errorStack());
            default -> throw new TaskTimeoutException("Task " + id + " has not finished within " + timeout + ": it is " + state.status());
        };
    }

    @Override
    public boolean ready() {
        return state().status().finished();
    }

    @Override
    public void forget() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageType.HEADER, MessageType.TASK_STATE.headerValue());
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(connection, "forget")) {
            producer.send(new ProducerRecord<>(topic, null, key, null, headers)).get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new KpoolException("Cannot forget task " + id + " on '" + topic + "': " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KpoolException("Cannot forget task " + id + " on '" + topic + "': no answer from the broker in " + CLIENT_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while forgetting task " + id, e);
        }
    }

    /** @return the state topic's partition count; 0 if it does not exist (no worker has recorded a state yet) */
    private int partitions() {
        try (Admin admin = KafkaClients.admin(connection)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw new KpoolException("Cannot read the state topic '" + topic + "': " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KpoolException("Cannot read the state topic '" + topic + "': no answer from the broker in " + CLIENT_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while reading the state topic", e);
        }
    }

    /** A record that is no task state (written by someone else) leaves the state as it was. */
    private StoredTaskState parse(byte[] value, StoredTaskState before) {
        try {
            TaskStateMessage message = TaskStateMessage.read(value);
            return new StoredTaskState(id, StoredTaskState.Status.valueOf(message.state().name()), message.task(), message.worker(),
                    message.at(), message.result(), message.error() == null ? null : message.error().type(),
                    message.error() == null ? null : message.error().message(),
                    message.error() == null ? null : message.error().remoteStack(), message.runMicros());
        } catch (IOException | IllegalArgumentException e) {
            return before;
        }
    }
}
