package io.kpool.it;

import static org.awaitility.Awaitility.await;

import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * A broker a test started as processes ({@link BrokerProcess}), seen through the {@link TestKafka} interface the
 * other helpers take. Topics get the broker's default replication.
 */
final class ProcessKafka implements TestKafka, AutoCloseable {
    private final String bootstrapServers;
    private final Admin admin;

    ProcessKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(clientProperties());
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    @Override
    public String createTopic(String prefix, int partitions) {
        String topic = uniqueName(prefix);
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                    .all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot create topic " + topic, e);
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            return description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        });
        return topic;
    }

    @Override
    public String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public Admin admin() {
        return admin;
    }

    @Override
    public String kind() {
        return EXTERNAL;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
