package io.kpool.core.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Where kpool records its metrics: the {@link MeterRegistry} a user passes (a service passes its Prometheus
 * registry), or {@link #NONE}, which records nothing and binds nothing.
 */
public final class Meters {
    /** Records nothing: the default of every endpoint started without a registry. */
    public static final MeterRegistry NONE = new CompositeMeterRegistry();

    private Meters() {
    }

    /**
     * Binds a Kafka client's own metrics (Micrometer's {@link KafkaClientMetrics}: records, bytes, lag per
     * partition, requests, connections) to the registry.
     *
     * @param registry where to record; {@link #NONE} binds nothing
     * @param consumer the client
     * @return removes the binding; close it before or when the client closes
     */
    public static Binding bind(MeterRegistry registry, Consumer<?, ?> consumer) {
        if (registry == NONE) {
            return () -> { };
        }
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(registry);
        return metrics::close;
    }

    /**
     * @param registry where to record; {@link #NONE} binds nothing
     * @param producer the client
     * @return removes the binding; close it before or when the client closes
     */
    public static Binding bind(MeterRegistry registry, Producer<?, ?> producer) {
        if (registry == NONE) {
            return () -> { };
        }
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        return metrics::close;
    }

    /** Meters bound to a registry; closing removes them. */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
