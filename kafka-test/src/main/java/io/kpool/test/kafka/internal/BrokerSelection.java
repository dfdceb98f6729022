package io.kpool.test.kafka.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
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
    /** Auto mode pulls a missing image once; a registry that does not answer in this time means "no Docker broker". */
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);

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
                return DockerProbe.isDockerAvailable() ? containerOrEmbedded(image()) : EmbeddedTestBroker.start();
            default:
                throw new ExtensionConfigurationException("System property " + BROKER_PROPERTY + " must be auto, docker"
                        + " or embedded, was '" + choice + "' (or set " + BOOTSTRAP_ENV + " to use an external broker)");
        }
    }

    /**
     * In {@code auto} mode a Docker engine that answers but cannot run the image (not present and not pullable,
     * say, on a machine without a registry) is no reason to fail: the tests run on the embedded broker instead.
     * {@code -Dkpool.test.broker=docker} makes the same failure an error.
     */
    private static TestBroker containerOrEmbedded(String image) {
        String problem;
        try {
            problem = DockerImages.whyUnavailable(image, PULL_TIMEOUT);
            if (problem == null) {
                return ContainerTestBroker.start(image);
            }
        } catch (RuntimeException e) {
            problem = rootMessage(e);
        }
        LOG.warn("Docker answers but no Kafka container from {} ({}); auto mode falls back to the embedded broker."
                + " Set -D{}=docker to make this an error, or -D{}=<image> to use another image.",
                image, problem, BROKER_PROPERTY, IMAGE_PROPERTY);
        return EmbeddedTestBroker.start();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " caused by " + root;
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
