package io.kpool.test.kafka.internal;

import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * The one {@link TestKafka} of a JVM: a running broker and the admin client all tests share. Closing it closes
 * the admin client, then the broker.
 */
public final class SharedTestKafka implements TestKafka, AutoCloseable {
    private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]{1,200}");
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

    private final TestBroker broker;
    private final Admin admin;

    /**
     * Wraps a running broker and opens its admin client.
     *
     * @param broker the running broker; closed with this object
     */
    public SharedTestKafka(TestBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(clientProperties());
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return properties;
    }

    @Override
    public String createTopic(String prefix, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        String topic = uniqueName(prefix);
        TopicCreator.create(admin, topic, partitions, TOPIC_TIMEOUT);
        return topic;
    }

    @Override
    public String uniqueName(String prefix) {
        if (prefix == null || !LEGAL_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be 1 to 200 letters, digits, '.', '_' or '-', was '" + prefix + "'");
        }
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Override
    public Admin admin() {
        return admin;
    }

    @Override
    public String kind() {
        return broker.kind();
    }

    /**
     * Closes the admin client, then stops the broker if the tests started it.
     */
    @Override
    public void close() {
        try {
            admin.close(ADMIN_CLOSE_TIMEOUT);
        } finally {
            broker.close();
        }
    }
}
