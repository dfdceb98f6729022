package io.kpool.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpool.core.ConnectionOptions;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.ShareConsumers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The metric readiness reads exists on both real consumer kinds under the group {@link ShareGroupSource} and
 * {@link ConsumerGroupSource} look in: a Kafka upgrade that renames it fails here, not silently in production
 * (where a missing metric would count as connected).
 */
@Timeout(30)
class ConnectionCountTest {
    private final ConnectionOptions unreachable = new ConnectionOptions("nowhere",
            Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"), Optional.empty());

    @Test
    void aShareConsumerKeepsConnectionCountInConsumerMetrics() {
        try (KafkaShareConsumer<byte[], byte[]> consumer = ShareConsumers.create(unreachable, "no-group", 1)) {
            assertThat(consumer.metrics().keySet()).anyMatch(name -> name.name().equals("connection-count")
                    && name.group().equals("consumer-metrics"));
            // not its value: a share consumer's background thread starts connecting at once, and Kafka counts a
            // connection still being set up (CI caught a 1 here, against localhost:1)
            consumer.close(Duration.ZERO);
        }
    }

    @Test
    void aConsumerKeepsConnectionCountInConsumerMetricsAndHasNoConnectionBeforeItPolls() {
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(unreachable, "no-group")) {
            assertThat(consumer.metrics().keySet()).anyMatch(name -> name.name().equals("connection-count")
                    && name.group().equals("consumer-metrics"));
            assertThat(ConnectionCount.of(consumer.metrics(), "consumer-metrics").connected()).isFalse();
        }
    }
}
