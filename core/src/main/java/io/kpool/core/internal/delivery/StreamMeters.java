package io.kpool.core.internal.delivery;

import io.kpool.core.internal.metrics.Meters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * A stream's meters, tagged {@code topic} and {@code group}: the records its member holds ({@code kpool.records.held}),
 * a consumer-group member's assigned and paused partitions ({@code kpool.partitions.assigned},
 * {@code kpool.partitions.paused}) and its Kafka clients' own metrics (lag per partition among them:
 * {@code kafka.consumer.fetch.manager.records.lag}). A share-group member has no partitions to see, and Micrometer's
 * {@code KafkaClientMetrics} takes no {@code ShareConsumer}: it binds the held records and its dead-letter producer.
 */
final class StreamMeters implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Meter> gauges;
    private final List<Meters.Binding> clients;

    private StreamMeters(MeterRegistry registry, List<Meter> gauges, List<Meters.Binding> clients) {
        this.registry = registry;
        this.gauges = gauges;
        this.clients = clients;
    }

    /**
     * @param registry where to record; {@link Meters#NONE} records nothing
     * @param stream the stream
     * @param consumer its consumer
     * @param deadLetters its dead-letter producer
     * @return the meters, removed again on close
     */
    static StreamMeters bind(MeterRegistry registry, RecordStream<?> stream, Consumer<?, ?> consumer, Producer<?, ?> deadLetters) {
        if (registry == Meters.NONE) {
            return new StreamMeters(registry, List.of(), List.of());
        }
        Tags tags = Tags.of("topic", stream.topic(), "group", stream.group());
        List<Meter> gauges = List.of(held(registry, stream, tags),
                Gauge.builder("kpool.partitions.assigned", stream, s -> s.status().assigned()).tags(tags)
                        .description("Partitions assigned to this member").register(registry),
                Gauge.builder("kpool.partitions.paused", stream, s -> s.status().paused()).tags(tags)
                        .description("Partitions this member has paused: its buffer is full, or they are poisoned").register(registry));
        return new StreamMeters(registry, gauges, List.of(Meters.bind(registry, consumer), Meters.bind(registry, deadLetters)));
    }

    /**
     * @param registry where to record; {@link Meters#NONE} records nothing
     * @param stream a share-group member's stream
     * @param deadLetters its dead-letter producer
     * @return the meters, removed again on close
     */
    static StreamMeters bindShared(MeterRegistry registry, RecordStream<?> stream, Producer<?, ?> deadLetters) {
        if (registry == Meters.NONE) {
            return new StreamMeters(registry, List.of(), List.of());
        }
        Meter held = held(registry, stream, Tags.of("topic", stream.topic(), "group", stream.group()));
        return new StreamMeters(registry, List.of(held), List.of(Meters.bind(registry, deadLetters)));
    }

    private static Meter held(MeterRegistry registry, RecordStream<?> stream, Tags tags) {
        return Gauge.builder("kpool.records.held", stream, RecordStream::held).tags(tags)
                .description("Records this member holds: waiting in its buffer, or handed out and not yet settled").register(registry);
    }

    @Override
    public void close() {
        gauges.forEach(registry::remove);
        for (Meters.Binding client : clients) {
            client.close();
        }
    }
}
