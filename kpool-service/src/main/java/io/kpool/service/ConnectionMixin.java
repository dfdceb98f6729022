package io.kpool.service;

import io.kpool.core.KpoolSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * The options every kpool command shares (a picocli mixin): the broker, a properties file, and
 * {@code --set key=value} for any kpool setting or Kafka client property. What is not given on the
 * command line comes from the environment ({@code KAFKA_*}, {@code KPOOL_*}), then the file, then
 * the defaults.
 */
public final class ConnectionMixin {
    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
            description = "Kafka broker(s) to connect to. Default: $KAFKA_BOOTSTRAP_SERVERS, else localhost:9092.")
    private String bootstrapServers;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file with kpool settings and Kafka client properties (security.protocol, sasl.*, ssl.*...). "
                    + "Default: $KPOOL_CONFIG_FILE.")
    private Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any kpool setting or Kafka client property, e.g. --set security.protocol=SASL_SSL. Repeatable.")
    private Map<String, String> settings = new LinkedHashMap<>();

    /**
     * Loads the settings: defaults, file, environment, then this command line.
     *
     * @param given settings named by the command's own options (null values are skipped)
     * @return validated settings
     * @throws io.kpool.core.KpoolConfigException naming a bad setting
     */
    public KpoolSettings load(Map<String, Object> given) {
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        if (bootstrapServers != null) {
            overrides.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        given.forEach((key, value) -> {
            if (value != null) {
                overrides.put(key, value.toString());
            }
        });
        return KpoolSettings.load(configFile, overrides);
    }
}
