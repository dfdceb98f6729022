package io.kpool.pool;

import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolConfigException;

/** The checks both pool options types make; every message names the setting, the value and the rule. */
final class PoolSettingsCheck {
    private PoolSettingsCheck() {
    }

    static void topics(String tasksTopic, String callbackTopic, int tasksPartitions, int callbackPartitions) {
        require(tasksTopic != null && !tasksTopic.isBlank(), KpoolConfig.POOL_TASKS_TOPIC, "must not be empty", tasksTopic);
        require(callbackTopic != null && !callbackTopic.isBlank() && !callbackTopic.equals(tasksTopic),
                KpoolConfig.POOL_CALLBACK_TOPIC, "must be non-empty and differ from the tasks topic", callbackTopic);
        require(tasksPartitions >= 1, KpoolConfig.POOL_TASKS_PARTITIONS, "must be at least 1", tasksPartitions);
        require(callbackPartitions >= 1, KpoolConfig.POOL_CALLBACK_PARTITIONS, "must be at least 1", callbackPartitions);
    }

    static void stateTopic(String stateTopic, String tasksTopic, String callbackTopic) {
        require(stateTopic != null && !stateTopic.equals(tasksTopic) && !stateTopic.equals(callbackTopic),
                KpoolConfig.POOL_STATE_TOPIC, "must be empty (no task states) or differ from the tasks and callback topics", stateTopic);
    }

    static void require(boolean ok, String key, String rule, Object value) {
        if (!ok) {
            throw new KpoolConfigException(key + " " + rule + (value == null ? "" : ", got '" + value + "'"));
        }
    }
}
