package io.kpool.core.cli;

import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolSettings;
import io.kpool.core.QueueOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * The command-line options every kpool service shares (a picocli mixin): the broker, a properties
 * file, the queue's topic and group, and {@code --set key=value} for any other kpool setting or
 * Kafka client property. What is not given on the command line comes from the environment
 * ({@code KAFKA_*}, {@code KPOOL_*}), then the file, then the defaults.
 */
public final class QueueCommandOptions {
    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
            description = "Kafka broker(s) to connect to. Default: $KAFKA_BOOTSTRAP_SERVERS, else localhost:9092.")
    private String bootstrapServers;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file with kpool settings and Kafka client properties (security.protocol, sasl.*, ssl.*...). "
                    + "Default: $KPOOL_CONFIG_FILE.")
    private Path configFile;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC",
            description = "Queue topic (kpool.queue.topic). Default: kpool-queue.")
    private String topic;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP",
            description = "Consumer group whose commits are task_done (kpool.queue.group). Default: kpool-consumers.")
    private String group;

    @Option(names = {"-p", "--partitions"}, paramLabel = "N",
            description = "Partitions if the topic is created (kpool.queue.partitions). Default: 6.")
    private Integer partitions;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any kpool setting or Kafka client property, e.g. --set security.protocol=SASL_SSL. Repeatable.")
    private Map<String, String> settings = new LinkedHashMap<>();

    /**
     * Loads the settings: defaults, file, environment, then this command line.
     *
     * @param clientId names this service instance (logs, Kafka client ids)
     * @return validated queue options
     * @throws io.kpool.core.KpoolConfigException naming a bad setting
     */
    public QueueOptions queueOptions(String clientId) {
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        putIfGiven(overrides, CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        putIfGiven(overrides, KpoolConfig.QUEUE_TOPIC, topic);
        putIfGiven(overrides, KpoolConfig.QUEUE_GROUP, group);
        putIfGiven(overrides, KpoolConfig.QUEUE_PARTITIONS, partitions);
        return QueueOptions.from(KpoolSettings.load(configFile, overrides), clientId);
    }

    private static void putIfGiven(Map<String, String> overrides, String key, Object value) {
        if (value != null) {
            overrides.put(key, value.toString());
        }
    }
}
