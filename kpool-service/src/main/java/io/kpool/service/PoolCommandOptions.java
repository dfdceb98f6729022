package io.kpool.service;

import io.kpool.core.KpoolConfig;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.PoolWorkerOptions;
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

    @Option(names = "--mode", paramLabel = "MODE",
            description = "group: workers in a consumer group, at most one per tasks partition; share: a share group, any "
                    + "number of workers and threads per partition, failed tasks retried (kpool.pool.mode). Default: group.")
    private String mode;

    /**
     * @param clientId names this client (logs, Kafka client ids, task ids)
     * @return validated pool client options
     * @throws io.kpool.core.KpoolConfigException naming a bad setting
     */
    public PoolClientOptions clientOptions(String clientId) {
        return PoolClientOptions.from(connection.load(given(null)), clientId);
    }

    /**
     * @param clientId names this worker (logs, Kafka client ids, result headers)
     * @param processes worker threads, or null for the configured value
     * @return validated pool worker options
     * @throws io.kpool.core.KpoolConfigException naming a bad setting
     */
    public PoolWorkerOptions workerOptions(String clientId, Integer processes) {
        return PoolWorkerOptions.from(connection.load(given(processes)), clientId);
    }

    private Map<String, Object> given(Integer processes) {
        Map<String, Object> given = new HashMap<>();
        given.put(KpoolConfig.POOL_TASKS_TOPIC, tasksTopic);
        given.put(KpoolConfig.POOL_CALLBACK_TOPIC, callbackTopic);
        given.put(KpoolConfig.POOL_GROUP, group);
        given.put(KpoolConfig.POOL_PROCESSES, processes);
        given.put(KpoolConfig.POOL_MODE, mode);
        return given;
    }
}
