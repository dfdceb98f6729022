package io.kpool.core.internal.delivery;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Whether a Kafka client has a connection to a broker open, read from its own {@code connection-count} metric
 * (which drops to 0 while no broker answers). A client without that metric (a mock) counts as connected.
 */
final class ConnectionCount {
    private static final String NAME = "connection-count";

    private final Metric metric;

    private ConnectionCount(Metric metric) {
        this.metric = metric;
    }

    /**
     * @param metrics the client's metrics; read once, the metric found stays live
     * @param group the client's metrics group, e.g. {@code consumer-metrics}
     * @return the client's connection count
     */
    static ConnectionCount of(Map<MetricName, ? extends Metric> metrics, String group) {
        return new ConnectionCount(metrics.entrySet().stream()
                .filter(entry -> entry.getKey().name().equals(NAME) && entry.getKey().group().equals(group))
                .map(Map.Entry::getValue).findFirst().orElse(null));
    }

    /** @return true while at least one connection is open, or if the client keeps no such metric */
    boolean connected() {
        return metric == null || metric.metricValue() instanceof Number count && count.doubleValue() > 0;
    }
}
