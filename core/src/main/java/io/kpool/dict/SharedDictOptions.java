package io.kpool.dict;

import io.kpool.core.ConnectionBuilder;
import io.kpool.core.ConnectionOptions;
import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolConfigException;
import io.kpool.core.KpoolSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Immutable settings of a {@link SharedDict} client. Build it from loaded {@link KpoolSettings} with
 * {@link #from(KpoolSettings, String)}, or by hand with {@link #builder()}.
 *
 * @param topicPrefix a dict named {@code N} lives on the topic {@code <topicPrefix>N}
 * @param lockLease how long a lock grant lasts unless renewed (holders renew every third of it)
 * @param operationTimeout how long a write waits to see itself applied
 * @param connection where to connect and this client's id (in logs, Kafka client ids and lock owners)
 */
public record SharedDictOptions(String topicPrefix, Duration lockLease, Duration operationTimeout, ConnectionOptions connection) {
    private static final Pattern TOPIC_CHARACTERS = Pattern.compile("[A-Za-z0-9._-]+");

    /** Validates every field; the message names the setting, the value and what is allowed. */
    public SharedDictOptions {
        if (topicPrefix == null || !TOPIC_CHARACTERS.matcher(topicPrefix).matches() || topicPrefix.length() > 40) {
            throw new KpoolConfigException(KpoolConfig.DICT_TOPIC_PREFIX + " must be 1-40 letters, digits, '.', '_' or '-', got '"
                    + topicPrefix + "'");
        }
        if (lockLease == null || lockLease.toMillis() < 100) {
            throw new KpoolConfigException(KpoolConfig.DICT_LOCK_LEASE_MS + " must be at least 100 ms, got " + lockLease);
        }
        if (operationTimeout == null || operationTimeout.toMillis() < 1) {
            throw new KpoolConfigException(KpoolConfig.DICT_OPERATION_TIMEOUT_MS + " must be positive, got " + operationTimeout);
        }
        Objects.requireNonNull(connection, "connection");
    }

    /**
     * Options from loaded settings.
     *
     * @param settings loaded configuration
     * @param clientId names this client; null or blank for a generated one
     * @return the options
     */
    public static SharedDictOptions from(KpoolSettings settings, String clientId) {
        return new SharedDictOptions(
                (String) settings.get(KpoolConfig.DICT_TOPIC_PREFIX),
                Duration.ofMillis((Long) settings.get(KpoolConfig.DICT_LOCK_LEASE_MS)),
                Duration.ofMillis((Long) settings.get(KpoolConfig.DICT_OPERATION_TIMEOUT_MS)),
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

    /** @return this client's id */
    public String clientId() {
        return connection.clientId();
    }

    /**
     * @param dictName the dict's name
     * @return the topic the dict lives on
     */
    public String topicFor(String dictName) {
        return topicPrefix + dictName;
    }

    /** Builds {@link SharedDictOptions}; validation happens in {@link #build()}. */
    public static final class Builder extends ConnectionBuilder<Builder> {
        private String topicPrefix;
        private Duration lockLease;
        private Duration operationTimeout;

        private Builder(SharedDictOptions from) {
            super(from.connection);
            topicPrefix = from.topicPrefix;
            lockLease = from.lockLease;
            operationTimeout = from.operationTimeout;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @param value prefix of the dicts' topics @return this */
        public Builder topicPrefix(String value) { topicPrefix = value; return this; }

        /** @param value how long a lock grant lasts unless renewed @return this */
        public Builder lockLease(Duration value) { lockLease = value; return this; }

        /** @param value how long a write waits to see itself applied @return this */
        public Builder operationTimeout(Duration value) { operationTimeout = value; return this; }

        /** @return validated options @throws KpoolConfigException naming a bad setting */
        public SharedDictOptions build() {
            return new SharedDictOptions(topicPrefix, lockLease, operationTimeout, connection());
        }
    }
}
