package io.kpool.core.internal.delivery;

import io.kpool.core.ConnectionOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link RecordStream} consumes and how: the features map their own settings onto it (the queue's
 * {@code kpool.queue.*}, the pool worker's {@code kpool.pool.*}), which have validated the values with
 * messages naming their own keys.
 *
 * @param topic the topic to consume
 * @param group the consumer group to join
 * @param partitions partitions of the topic when the stream creates it
 * @param deadLetterTopic where records that are not valid messages go
 * @param bufferSize records fetched ahead of the threads taking them; the source pauses while it is full
 * @param revokeWait on a rebalance, how long handed-out records may take to be done before their partitions go
 * @param pillsEndPartitions whether a poison pill ends its partition (the queue); if not (the pool's tasks
 *     topic), a pill is an invalid record and goes to the dead-letter topic
 * @param connection where to connect and who this member is
 */
public record StreamOptions(String topic, String group, int partitions, String deadLetterTopic, int bufferSize,
                            Duration revokeWait, boolean pillsEndPartitions, ConnectionOptions connection) {

    /** Checks the fields the engine relies on; the features have validated their settings already. */
    public StreamOptions {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(revokeWait, "revokeWait");
        Objects.requireNonNull(connection, "connection");
        if (partitions < 1 || bufferSize < 1 || revokeWait.isNegative()) {
            throw new IllegalArgumentException("partitions and bufferSize must be at least 1 and revokeWait not negative, got "
                    + partitions + ", " + bufferSize + ", " + revokeWait);
        }
    }

    /** @return the member's client id */
    public String clientId() {
        return connection.clientId();
    }
}
