package io.kpool.kafka.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code --version} text of {@code kafka-local}: its own version and the Kafka version it runs.
 */
public final class KafkaLocalVersion implements IVersionProvider {
    /** Where kafka-clients keeps its version; the broker jars are pinned to the same version. */
    private static final String KAFKA_VERSION_RESOURCE = "/kafka/kafka-version.properties";

    /**
     * Creates the provider; picocli calls this.
     */
    public KafkaLocalVersion() {
    }

    /**
     * The version lines.
     *
     * @return {@code kafka-local <version> (Apache Kafka <version>)}
     * @throws IOException if Kafka's version resource cannot be read
     */
    @Override
    public String[] getVersion() throws IOException {
        String own = KafkaLocalVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "kafka-local " + (own == null ? "(development build)" : own) + " (Apache Kafka " + kafkaVersion() + ")"
        };
    }

    private static String kafkaVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = KafkaLocalVersion.class.getResourceAsStream(KAFKA_VERSION_RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        }
        return properties.getProperty("version", "unknown");
    }
}
