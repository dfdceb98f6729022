package io.kpool.bench;

import io.kpool.kafka.local.KafkaLocalBroker;

/** The broker a benchmark measures against: an external one, or an embedded kafka-local started for the run. */
final class BenchBroker implements AutoCloseable {
    private final KafkaLocalBroker embedded;
    private final String bootstrapServers;

    private BenchBroker(KafkaLocalBroker embedded, String bootstrapServers) {
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * @param bootstrapServers an external broker, or null to start an embedded one
     * @return the broker to use
     */
    static BenchBroker startOrUse(String bootstrapServers) {
        if (bootstrapServers != null) {
            return new BenchBroker(null, bootstrapServers);
        }
        System.out.println("Starting an embedded kafka-local broker…");
        KafkaLocalBroker broker = KafkaLocalBroker.builder().port(0).build();
        broker.start();
        return new BenchBroker(broker, broker.bootstrapServers());
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return one line naming the broker and the machine, for the report */
    String description() {
        return "%s (%s), %d CPU cores".formatted(bootstrapServers, embedded == null ? "external broker" : "embedded kafka-local",
                Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
