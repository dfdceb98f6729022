package io.kpool.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code kafka-local} with three brokers in this JVM: replication defaults a production cluster would have. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KafkaLocalClusterTest {
    @Test
    void threeBrokersGiveEveryTopicThreeReplicasAndAMinimumOfTwoInSync(@TempDir Path dataDir) throws Exception {
        try (KafkaLocalBroker cluster = KafkaLocalBroker.builder().port(0).brokers(3).dataDir(dataDir).build()) {
            cluster.start();
            String servers = cluster.bootstrapServers();
            assertThat(servers.split(",")).hasSize(3);
            assertThat(cluster.localAddresses()).hasSize(3);
            assertThat(dataDir.resolve("node-3").resolve("meta.properties")).isRegularFile();

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
                admin.createTopics(List.of(new NewTopic("broker-default", Optional.of(2), Optional.empty())))
                        .all().get(30, TimeUnit.SECONDS);
                RoundTrip.produce(servers, "broker-default", "k", "replicated");
                assertThat(RoundTrip.consumeAll(servers, "broker-default", 1)).containsExactly("replicated");

                Map<String, TopicDescription> topics = admin.describeTopics(List.of("broker-default", "__consumer_offsets"))
                        .allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions())
                        .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3)));
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "broker-default");
                Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
                assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2");
            }
        }
    }

    @Test
    void aSingleNodeOfAClusterNeedsFixedPortsAndADataDir() {
        assertThatThrownBy(() -> KafkaLocalBroker.builder().port(0).brokers(3).node(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fixed port");
        assertThatThrownBy(() -> KafkaLocalBroker.builder().port(9092).controllerPort(9093).brokers(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
        assertThatThrownBy(() -> KafkaLocalBroker.builder().brokers(2).node(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node must be 1 to 2");
    }
}
