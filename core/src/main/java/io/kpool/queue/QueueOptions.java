package io.kpool.queue;

import io.kpool.core.ConnectionBuilder;
import io.kpool.core.ConnectionOptions;
import io.kpool.core.DeliveryMode;
import io.kpool.core.DeliveryOptions;
import io.kpool.core.DeliveryGuarantee;
import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolConfigException;
import io.kpool.core.KpoolSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable settings of one queue endpoint (producer or consumer). Build it from loaded
 * {@link KpoolSettings} with {@link #from(KpoolSettings, String)}, or by hand with {@link #builder()}.
 *
 * @param topic the queue topic
 * @param group the consumer group whose commits are {@code task_done}
 * @param partitions partitions when kpool creates the topic
 * @param deadLetterTopic where invalid records go
 * @param bufferSize items a consumer fetches ahead of {@code get}
 * @param revokeWait how long a rebalance waits for handed-out items
 * @param joinProgressInterval how often {@code join} logs progress
 * @param delivery consumer group or share group ({@link KpoolConfig#QUEUE_MODE}), and a share group's settings
 * @param guarantee a consumer's commits: at-least-once, or exactly-once (offsets and dead letters in transactions)
 * @param transactionInterval in exactly-once mode, the least time between the starts of a consumer's two transactions
 * @param transactionMaxRecords in exactly-once mode, staged records that start a transaction before the interval is up
 * @param connection where to connect and this endpoint's client id
 */
public record QueueOptions(String topic, String group, int partitions, String deadLetterTopic, int bufferSize,
                           Duration revokeWait, Duration joinProgressInterval, DeliveryOptions delivery,
                           DeliveryGuarantee guarantee, Duration transactionInterval, int transactionMaxRecords,
                           ConnectionOptions connection) {

    /** Validates every field; the message names the setting. */
    public QueueOptions {
        requireText(topic, KpoolConfig.QUEUE_TOPIC);
        requireText(group, KpoolConfig.QUEUE_GROUP);
        if (partitions < 1) {
            throw new KpoolConfigException(KpoolConfig.QUEUE_PARTITIONS + " must be at least 1, got " + partitions);
        }
        if (bufferSize < 1) {
            throw new KpoolConfigException(KpoolConfig.QUEUE_BUFFER_SIZE + " must be at least 1, got " + bufferSize);
        }
        deadLetterTopic = deadLetterTopic == null || deadLetterTopic.isBlank() ? topic + ".DLT" : deadLetterTopic;
        if (deadLetterTopic.equals(topic)) {
            throw new KpoolConfigException(KpoolConfig.QUEUE_DEAD_LETTER_TOPIC + " must differ from the queue topic '" + topic + "'");
        }
        requireDuration(revokeWait, KpoolConfig.QUEUE_REVOKE_WAIT_MS, true);
        requireDuration(joinProgressInterval, KpoolConfig.JOIN_PROGRESS_INTERVAL_MS, false);
        Objects.requireNonNull(delivery, "delivery");
        if (guarantee == null) {
            throw new KpoolConfigException(KpoolConfig.QUEUE_DELIVERY + " must be at-least-once or exactly-once");
        }
        requireDuration(transactionInterval, KpoolConfig.TRANSACTION_INTERVAL_MS, false);
        if (transactionMaxRecords < 1) {
            throw new KpoolConfigException(KpoolConfig.TRANSACTION_MAX_RECORDS + " must be at least 1, got " + transactionMaxRecords);
        }
        if (delivery.isShare() && guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            throw new KpoolConfigException(KpoolConfig.QUEUE_DELIVERY + "=exactly-once needs a consumer group ("
                    + KpoolConfig.QUEUE_MODE + "=group): a share group has no offsets to commit in a transaction");
        }
        Objects.requireNonNull(connection, "connection");
    }

    /**
     * Options from loaded settings.
     *
     * @param settings loaded configuration
     * @param clientId names this endpoint (e.g. the consumer's name); null or blank for a generated one
     * @return the options
     */
    public static QueueOptions from(KpoolSettings settings, String clientId) {
        return new QueueOptions(
                (String) settings.get(KpoolConfig.QUEUE_TOPIC),
                (String) settings.get(KpoolConfig.QUEUE_GROUP),
                (Integer) settings.get(KpoolConfig.QUEUE_PARTITIONS),
                (String) settings.get(KpoolConfig.QUEUE_DEAD_LETTER_TOPIC),
                (Integer) settings.get(KpoolConfig.QUEUE_BUFFER_SIZE),
                Duration.ofMillis((Long) settings.get(KpoolConfig.QUEUE_REVOKE_WAIT_MS)),
                Duration.ofMillis((Long) settings.get(KpoolConfig.JOIN_PROGRESS_INTERVAL_MS)),
                DeliveryOptions.from(settings, KpoolConfig.QUEUE_MODE),
                DeliveryGuarantee.fromSetting(KpoolConfig.QUEUE_DELIVERY, (String) settings.get(KpoolConfig.QUEUE_DELIVERY)),
                Duration.ofMillis((Long) settings.get(KpoolConfig.TRANSACTION_INTERVAL_MS)),
                (Integer) settings.get(KpoolConfig.TRANSACTION_MAX_RECORDS),
                ConnectionOptions.from(settings, clientId, "kpool"));
    }

    /** @return a builder holding every default of {@link KpoolConfig} and {@code localhost:9092} */
    public static Builder builder() {
        return new Builder(from(KpoolSettings.load(null, Map.of(), Map.of()), null));
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return this endpoint's client id */
    public String clientId() {
        return connection.clientId();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new KpoolConfigException(name + " must not be empty");
        }
    }

    private static void requireDuration(Duration value, String name, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new KpoolConfigException(name + " must be " + (zeroAllowed ? "zero or more" : "positive") + ", got " + value);
        }
    }

    /** Builds {@link QueueOptions}; validation happens in {@link #build()}. */
    public static final class Builder extends ConnectionBuilder<Builder> {
        private String topic;
        private String group;
        private int partitions;
        private String deadLetterTopic;
        private int bufferSize;
        private Duration revokeWait;
        private Duration joinProgressInterval;
        private DeliveryOptions delivery;
        private DeliveryGuarantee guarantee;
        private Duration transactionInterval;
        private int transactionMaxRecords;

        private Builder(QueueOptions from) {
            super(from.connection);
            topic = from.topic;
            group = from.group;
            partitions = from.partitions;
            deadLetterTopic = from.deadLetterTopic.equals(from.topic + ".DLT") ? "" : from.deadLetterTopic;
            bufferSize = from.bufferSize;
            revokeWait = from.revokeWait;
            joinProgressInterval = from.joinProgressInterval;
            delivery = from.delivery;
            guarantee = from.guarantee;
            transactionInterval = from.transactionInterval;
            transactionMaxRecords = from.transactionMaxRecords;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @param value the queue topic @return this */
        public Builder topic(String value) { topic = value; return this; }

        /** @param value the consumer group @return this */
        public Builder group(String value) { group = value; return this; }

        /** @param value partitions when kpool creates the topic @return this */
        public Builder partitions(int value) { partitions = value; return this; }

        /** @param value the dead-letter topic; empty for {@code <topic>.DLT} @return this */
        public Builder deadLetterTopic(String value) { deadLetterTopic = value; return this; }

        /** @param value items fetched ahead of {@code get} @return this */
        public Builder bufferSize(int value) { bufferSize = value; return this; }

        /** @param value how long a rebalance waits for handed-out items @return this */
        public Builder revokeWait(Duration value) { revokeWait = value; return this; }

        /** @param value how often {@code join} logs progress @return this */
        public Builder joinProgressInterval(Duration value) { joinProgressInterval = value; return this; }

        /** @param value consumer group or share group @return this */
        public Builder mode(DeliveryMode value) { delivery = delivery.withMode(value); return this; }

        /** @param value the delivery mode and a share group's settings @return this */
        public Builder delivery(DeliveryOptions value) { delivery = value; return this; }

        /** @param value a consumer's commits: at-least-once or exactly-once @return this */
        public Builder guarantee(DeliveryGuarantee value) { guarantee = value; return this; }

        /** @param value in exactly-once mode, the least time between the starts of two transactions @return this */
        public Builder transactionInterval(Duration value) { transactionInterval = value; return this; }

        /** @param value in exactly-once mode, staged records that start a transaction before the interval is up @return this */
        public Builder transactionMaxRecords(int value) { transactionMaxRecords = value; return this; }

        /** @return validated options @throws KpoolConfigException naming a bad setting */
        public QueueOptions build() {
            return new QueueOptions(topic, group, partitions, deadLetterTopic, bufferSize, revokeWait, joinProgressInterval,
                    delivery, guarantee, transactionInterval, transactionMaxRecords, connection());
        }
    }
}
