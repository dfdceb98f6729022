package io.kpool.dict.internal;

import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.Topics;
import io.kpool.dict.SharedDictOptions;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shared dict's topic: one partition (one order for every operation), the broker's append time on
 * every record (one clock for every lease), and every record kept (the log is the state).
 */
final class DictTopic {
    private static final Logger LOG = LoggerFactory.getLogger(DictTopic.class);
    static final Map<String, String> CONFIGS = Map.of(
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");

    private DictTopic() {
    }

    /** Creates the dict's topic unless it exists; an existing one is checked when the fold starts reading it. */
    static void ensure(SharedDictOptions options, String dictName) {
        Admin admin = KafkaClients.admin(options.connection().kafkaProperties(), options.clientId() + "-dict-admin");
        try {
            if (Topics.ensure(admin, options.topicFor(dictName), 1, options.connection().replicationFactor(), CONFIGS)) {
                LOG.info("Created topic '{}' for shared dict '{}'", options.topicFor(dictName), dictName);
            }
        } finally {
            admin.close(KafkaClients.ADMIN_CLOSE_TIMEOUT);
        }
    }
}
