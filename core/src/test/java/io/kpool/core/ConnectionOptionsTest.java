package io.kpool.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionOptionsTest {

    @Test
    void fromSettingsGeneratesAClientIdWithThePrefixWhenNoneIsGiven() {
        ConnectionOptions connection = ConnectionOptions.from(KpoolSettings.load(null, Map.of(), Map.of()), null, "pool");

        assertThat(connection.clientId()).matches("pool-[0-9a-f]{8}");
        assertThat(connection.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(connection.replicationFactor()).isEmpty();
    }

    @Test
    void fromSettingsTakesTheReplicationFactorAndTheKafkaProperties() {
        KpoolSettings settings = KpoolSettings.load(null, Map.of(),
                Map.of(KpoolConfig.REPLICATION_FACTOR, "3", "bootstrap.servers", "b1:9092", "security.protocol", "SSL"));

        ConnectionOptions connection = ConnectionOptions.from(settings, "alex", "kpool");

        assertThat(connection.clientId()).isEqualTo("alex");
        assertThat(connection.replicationFactor()).contains((short) 3);
        assertThat(connection.kafkaProperties()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void aMissingBrokerOrClientIdFailsNamingWhatIsMissing() {
        assertThatThrownBy(() -> new ConnectionOptions("alex", Map.of(), Optional.empty()))
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> new ConnectionOptions(" ", Map.of("bootstrap.servers", "b:1"), Optional.empty()))
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining("clientId");
        assertThatThrownBy(() -> new ConnectionOptions("a", Map.of("bootstrap.servers", "b:1"), Optional.of((short) 0)))
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining(KpoolConfig.REPLICATION_FACTOR);
    }
}
