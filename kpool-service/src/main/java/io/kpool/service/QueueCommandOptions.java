package io.kpool.service;

import io.kpool.core.KpoolConfig;
import io.kpool.queue.QueueOptions;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command-line options of a queue service (a picocli mixin): the connection, the queue's topic and group. */
public final class QueueCommandOptions {
    @Mixin
    private ConnectionMixin connection;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC",
            description = "Queue topic (kpool.queue.topic). Default: kpool-queue.")
    private String topic;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP",
            description = "Consumer group whose commits are task_done (kpool.queue.group). Default: kpool-consumers.")
    private String group;

    @Option(names = {"-p", "--partitions"}, paramLabel = "N",
            description = "Partitions if the topic is created (kpool.queue.partitions). Default: 6.")
    private Integer partitions;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "group: a consumer group, one pill per partition; share: a share group, one pill per consumer "
                    + "(kpool.queue.mode). Default: group.")
    private String mode;

    /**
     * @param clientId names this service instance (logs, Kafka client ids)
     * @return validated queue options
     * @throws io.kpool.core.KpoolConfigException naming a bad setting
     */
    public QueueOptions queueOptions(String clientId) {
        Map<String, Object> given = new HashMap<>();
        given.put(KpoolConfig.QUEUE_TOPIC, topic);
        given.put(KpoolConfig.QUEUE_GROUP, group);
        given.put(KpoolConfig.QUEUE_PARTITIONS, partitions);
        given.put(KpoolConfig.QUEUE_MODE, mode);
        return QueueOptions.from(connection.load(given), clientId);
    }
}
