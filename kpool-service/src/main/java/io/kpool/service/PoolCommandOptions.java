package io.kpool.service;

import io.kpool.core.KpoolConfig;
import io.kpool.pool.PoolOptions;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command-line options of a pool service or client (a picocli mixin): the connection and the pool's topics. */
public final class PoolCommandOptions {
    @Mixin
    private ConnectionMixin connection;

    @Option(names = "--tasks-topic", paramLabel = "TOPIC",
            description = "Topic tasks are submitted to (kpool.pool.tasks.topic). Default: kpool-tasks.")
    private String tasksTopic;

    @Option(names = "--callback-topic", paramLabel = "TOPIC",
            description = "Topic results are published to (kpool.pool.callback.topic). Default: kpool-callbacks.")
    private String callbackTopic;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP",
            description = "The pool workers' consumer group (kpool.pool.group). Default: kpool-workers.")
    private String group;

    /**
     * @param clientId names this instance (logs, Kafka client ids, result headers)
     * @param processes worker threads, or null for the configured value
     * @return validated pool options
     * @throws io.kpool.core.KpoolConfigException naming a bad setting
     */
    public PoolOptions poolOptions(String clientId, Integer processes) {
        Map<String, Object> given = new HashMap<>();
        given.put(KpoolConfig.POOL_TASKS_TOPIC, tasksTopic);
        given.put(KpoolConfig.POOL_CALLBACK_TOPIC, callbackTopic);
        given.put(KpoolConfig.POOL_GROUP, group);
        given.put(KpoolConfig.POOL_PROCESSES, processes);
        return PoolOptions.from(connection.load(given), clientId);
    }
}
