package io.kpool.test.kafka.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks and starts the broker for this JVM's tests: {@code KAFKA_BOOTSTRAP_SERVERS} if set, else as the system
 * property {@code kpool.test.broker} says ({@code auto}, {@code docker} or {@code embedded}).
 */
public final class BrokerSelection {
    /** The environment variable naming an external broker. */
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    /** The system property choosing the broker when no external one is given. */
    public static final String BROKER_PROPERTY = "kpool.test.broker";
    /** The system property naming the Docker image of the Testcontainers broker. */
    public static final String IMAGE_PROPERTY = "kpool.kafka.image";

    private static final Logger LOG = LoggerFactory.getLogger(BrokerSelection.class);

    private BrokerSelection() {
    }

    /**
     * Starts (or, if external, just names) the broker and logs which one the tests use.
     *
     * @return the running broker
     * @throws ExtensionConfigurationException if {@code kpool.test.broker} has an unknown value
     */
    public static TestBroker start() {
        String external = System.getenv(BOOTSTRAP_ENV);
        TestBroker broker;
        if (external != null && !external.isBlank()) {
            broker = new ExternalTestBroker(external.trim());
        } else {
            broker = startLocal(System.getProperty(BROKER_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT));
        }
        LOG.info("Kafka tests use the {} broker at {}", broker.kind(), broker.bootstrapServers());
        return broker;
    }

    private static TestBroker startLocal(String choice) {
        switch (choice) {
            case "docker":
                return ContainerTestBroker.start(image());
            case "embedded":
                return EmbeddedTestBroker.start();
            case "auto":
                return DockerProbe.isDockerAvailable() ? ContainerTestBroker.start(image()) : EmbeddedTestBroker.start();
            default:
                throw new ExtensionConfigurationException("System property " + BROKER_PROPERTY + " must be auto, docker"
                        + " or embedded, was '" + choice + "' (or set " + BOOTSTRAP_ENV + " to use an external broker)");
        }
    }

    private static String image() {
        String image = System.getProperty(IMAGE_PROPERTY);
        return image == null || image.isBlank() ? "apache/kafka:" + kafkaVersion() : image.trim();
    }

    /** The version of the Kafka client on the class path: the image then matches the broker jars' version. */
    private static String kafkaVersion() {
        Properties properties = new Properties();
        try (InputStream in = BrokerSelection.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("kafka-clients' kafka/kafka-version.properties is not on the class path;"
                        + " set -D" + IMAGE_PROPERTY + "=apache/kafka:<version>");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
