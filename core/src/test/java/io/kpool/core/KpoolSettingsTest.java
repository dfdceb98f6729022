package io.kpool.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kpool.queue.QueueOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class KpoolSettingsTest {

    @Test
    void defaultsPointAtLocalhostAndTheDefaultQueue() {
        KpoolSettings settings = KpoolSettings.load(null, Map.of(), Map.of());

        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.get(KpoolConfig.QUEUE_TOPIC)).isEqualTo("kpool-queue");
        assertThat(settings.get(KpoolConfig.QUEUE_PARTITIONS)).isEqualTo(6);
    }

    @Test
    void environmentMapsKafkaAndKpoolVariablesAndIgnoresOtherKafkaVariables() {
        KpoolSettings settings = KpoolSettings.load(null, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:29092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_JAAS_CONFIG", "org.example.Login required;",
                "KAFKA_HEAP_OPTS", "-Xmx1g",
                "KPOOL_QUEUE_TOPIC", "orders"), Map.of());

        assertThat(settings.kafkaProperties())
                .containsEntry("bootstrap.servers", "broker:29092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.example.Login required;")
                .doesNotContainKey("heap.opts");
        assertThat(settings.get(KpoolConfig.QUEUE_TOPIC)).isEqualTo("orders");
    }

    @Test
    void kpoolVariablesThatAreNoSettingAreIgnoredNotFatalWithAWarningNamingEach() {
        Logger logger = (Logger) LoggerFactory.getLogger(KpoolSettings.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            KpoolSettings settings = KpoolSettings.load(null, Map.of("KPOOL_LOG_LEVEL", "DEBUG", "KPOOL_DEMO_PORT", "1",
                    "KPOOL_QUEUE_TOPC", "typo", "DEMO_PORT", "1"), Map.of());

            assertThat(settings.get(KpoolConfig.QUEUE_TOPIC)).isEqualTo("kpool-queue");
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).as("no KPOOL_ prefix is exempt; KPOOL_LOG_LEVEL is read elsewhere, DEMO_PORT is not kpool's")
                .extracting(ILoggingEvent::getFormattedMessage).hasSize(2)
                .anySatisfy(line -> assertThat(line).startsWith("Ignoring environment variable KPOOL_DEMO_PORT:"))
                .anySatisfy(line -> assertThat(line).startsWith("Ignoring environment variable KPOOL_QUEUE_TOPC:"));
    }

    @Test
    void commandLineBeatsEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kpool.properties");
        Files.writeString(file, "bootstrap.servers=file:1\nkpool.queue.topic=from-file\nkpool.queue.group=file-group\nssl.truststore.location=/etc/ts.jks\n");

        KpoolSettings settings = KpoolSettings.load(null,
                Map.of("KPOOL_CONFIG_FILE", file.toString(), "KPOOL_QUEUE_GROUP", "env-group", "KAFKA_BOOTSTRAP_SERVERS", "env:2"),
                Map.of("bootstrap.servers", "cli:3"));

        assertThat(settings.bootstrapServers()).isEqualTo("cli:3");
        assertThat(settings.get(KpoolConfig.QUEUE_GROUP)).isEqualTo("env-group");
        assertThat(settings.get(KpoolConfig.QUEUE_TOPIC)).isEqualTo("from-file");
        assertThat(settings.kafkaProperties()).containsEntry("ssl.truststore.location", "/etc/ts.jks");
    }

    @Test
    void anUnknownSettingIsRejectedByName() {
        assertThatThrownBy(() -> KpoolSettings.load(null, Map.of(), Map.of("bootstrap.server", "x:1")))
                .isInstanceOf(KpoolConfigException.class)
                .hasMessageContaining("'bootstrap.server'");
        assertThatThrownBy(() -> KpoolSettings.load(null, Map.of(), Map.of("kpool.queue.topics", "x")))
                .isInstanceOf(KpoolConfigException.class)
                .hasMessageContaining("'kpool.queue.topics'");
    }

    @Test
    void aBadValueNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> KpoolSettings.load(null, Map.of(), Map.of(KpoolConfig.QUEUE_PARTITIONS, "0")))
                .isInstanceOf(KpoolConfigException.class)
                .hasMessageContaining(KpoolConfig.QUEUE_PARTITIONS).hasMessageContaining("0");
        assertThatThrownBy(() -> KpoolSettings.load(null, Map.of(), Map.of(KpoolConfig.QUEUE_PARTITIONS, "six")))
                .isInstanceOf(KpoolConfigException.class)
                .hasMessageContaining(KpoolConfig.QUEUE_PARTITIONS).hasMessageContaining("six");
    }

    @Test
    void aMissingConfigFileIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> KpoolSettings.load(missing, Map.of(), Map.of()))
                .isInstanceOf(KpoolConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void queueOptionsDeriveTheDeadLetterTopicAndRejectBadValues() {
        QueueOptions options = QueueOptions.builder().topic("orders").build();
        assertThat(options.deadLetterTopic()).isEqualTo("orders.DLT");

        assertThatThrownBy(() -> QueueOptions.builder().topic(" ").build())
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining(KpoolConfig.QUEUE_TOPIC);
        assertThatThrownBy(() -> QueueOptions.builder().bufferSize(0).build())
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining(KpoolConfig.QUEUE_BUFFER_SIZE);
        assertThatThrownBy(() -> QueueOptions.builder().topic("a").deadLetterTopic("a").build())
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining(KpoolConfig.QUEUE_DEAD_LETTER_TOPIC);
    }
}
