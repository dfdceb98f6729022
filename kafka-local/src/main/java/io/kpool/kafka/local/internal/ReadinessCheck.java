package io.kpool.kafka.local.internal;

import io.kpool.kafka.local.KafkaLocalException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/**
 * Waits until a broker answers clients: an {@link Admin} client can describe the cluster and sees the node.
 */
public final class ReadinessCheck {
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private ReadinessCheck() {
    }

    /**
     * Blocks until the broker at {@code bootstrapServers} answers, or fails.
     *
     * @param bootstrapServers the broker's client address, {@code host:port}
     * @param timeout          how long to wait at most
     * @throws KafkaLocalException if the broker does not answer in time, or the wait is interrupted
     */
    public static void await(String bootstrapServers, Duration timeout) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 10_000));
        Admin admin = Admin.create(config);
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            if (nodes.isEmpty()) {
                throw new KafkaLocalException("Kafka broker on " + bootstrapServers + " reports no nodes");
            }
        } catch (ExecutionException e) {
            throw notReady(bootstrapServers, timeout, e.getCause());
        } catch (TimeoutException e) {
            throw notReady(bootstrapServers, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaLocalException("interrupted while waiting for the Kafka broker on " + bootstrapServers, e);
        } finally {
            admin.close(ADMIN_CLOSE_TIMEOUT);
        }
    }

    private static KafkaLocalException notReady(String bootstrapServers, Duration timeout, Throwable cause) {
        return new KafkaLocalException("Kafka broker on " + bootstrapServers + " did not become ready within "
                + timeout.toSeconds() + " s: " + cause, cause);
    }
}
