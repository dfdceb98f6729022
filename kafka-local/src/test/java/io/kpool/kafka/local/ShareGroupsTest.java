package io.kpool.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kafka-local serves share groups (KIP-932) on its one node: the feature is on and the share coordinator works. */
@Timeout(120)
class ShareGroupsTest {

    @Test
    void aShareConsumerReceivesARecordFromTheOneNode(@TempDir Path dataDir) throws Exception {
        try (KafkaLocalBroker broker = KafkaLocalBroker.builder().port(0).dataDir(dataDir).build()) {
            broker.start();
            String servers = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", servers))) {
                assertThat(admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS).finalizedFeatures().get("share.version")
                        .maxVersionLevel()).as("share.version, finalized when the storage was formatted").isPositive();
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, "sharers"), List.of(
                        new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET))))
                        .all().get(30, TimeUnit.SECONDS);
            }
            RoundTrip.createTopic(servers, "shared");
            RoundTrip.produce(servers, "shared", "key", "for a share group");

            List<String> received = new ArrayList<>();
            try (KafkaShareConsumer<String, String> consumer = new KafkaShareConsumer<>(
                    Map.<String, Object>of("bootstrap.servers", servers, "group.id", "sharers"), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("shared"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(record -> received.add(record.value()));
                }
                consumer.commitSync();
            }
            assertThat(received).containsExactly("for a share group");
        }
    }
}
