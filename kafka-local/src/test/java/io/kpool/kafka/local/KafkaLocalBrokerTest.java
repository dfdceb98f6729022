package io.kpool.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaLocalBrokerTest {
    private static final String TOPIC = "restart-check";

    @Test
    void keepsTopicsAndRecordsAcrossARestartOnTheSameDataDir(@TempDir Path dataDir) throws Exception {
        String clusterId;
        try (KafkaLocalBroker broker = KafkaLocalBroker.builder().port(0).dataDir(dataDir).build()) {
            broker.start();
            clusterId = broker.clusterId();
            RoundTrip.createTopic(broker.bootstrapServers(), TOPIC);
            RoundTrip.produce(broker.bootstrapServers(), TOPIC, "key-1", "survives a restart");
            assertThat(RoundTrip.consumeAll(broker.bootstrapServers(), TOPIC, 1)).containsExactly("survives a restart");
        }
        assertThat(dataDir).isDirectory();

        try (KafkaLocalBroker restarted = KafkaLocalBroker.builder().port(0).dataDir(dataDir).build()) {
            restarted.start();
            assertThat(restarted.clusterId()).isEqualTo(clusterId);
            assertThat(RoundTrip.consumeAll(restarted.bootstrapServers(), TOPIC, 1)).containsExactly("survives a restart");
        }
    }

    @Test
    void refusesToStartOnAPortThatIsAlreadyTaken(@TempDir Path dataDir) throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("localhost", 0));
            int port = taken.getLocalPort();
            try (KafkaLocalBroker broker = KafkaLocalBroker.builder().port(port).dataDir(dataDir).build()) {
                assertThatThrownBy(broker::start)
                        .isInstanceOf(PortInUseException.class)
                        .hasMessage("port " + port + " on localhost is already in use")
                        .satisfies(e -> assertThat(((PortInUseException) e).port()).isEqualTo(port));
            }
        }
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void refusesASecondBrokerOnADataDirThatIsInUse(@TempDir Path dataDir) {
        try (KafkaLocalBroker first = KafkaLocalBroker.builder().port(0).dataDir(dataDir).build();
             KafkaLocalBroker second = KafkaLocalBroker.builder().port(0).dataDir(dataDir).build()) {
            first.start();
            assertThatThrownBy(second::start)
                    .isInstanceOf(KafkaLocalException.class)
                    .hasMessageContaining(dataDir.toString())
                    .hasMessageContaining("in use by another running Kafka broker");
        }
    }

    @Test
    void deletesItsTemporaryDataDirOnCloseAndClosesOnlyOnce() {
        KafkaLocalBroker broker = KafkaLocalBroker.builder().port(0).build();
        broker.start();
        Path dataDir = broker.dataDir();
        assertThat(dataDir.resolve("meta.properties")).isRegularFile();

        broker.close();
        broker.close();

        assertThat(Files.exists(dataDir)).isFalse();
        assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(broker::bootstrapServers).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsInvalidPortsWhenBuilt() {
        assertThatThrownBy(() -> KafkaLocalBroker.builder().port(70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
        assertThatThrownBy(() -> KafkaLocalBroker.builder().port(9500).controllerPort(9500).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
    }
}
