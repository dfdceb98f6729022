package io.kpool.core.internal.delivery;

import io.kpool.core.internal.kafka.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;

/** The topics a stream's member needs before it joins: its topic, and its dead-letter topic sized to take any of its records. */
final class StreamTopics {
    private StreamTopics() {
    }

    /** Creates the topic and its dead-letter topic if they do not exist yet. */
    static void ensure(Admin admin, StreamOptions options) {
        Topics.ensure(admin, options.topic(), options.partitions(), options.connection().replicationFactor());
        // a dead letter is its record: it must fit wherever the record fitted
        Map<String, String> deadLetterConfigs = Topics.config(admin, options.topic(), TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                .map(bytes -> Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes)).orElse(Map.of());
        Topics.ensure(admin, options.deadLetterTopic(), 1, options.connection().replicationFactor(), deadLetterConfigs);
    }
}
