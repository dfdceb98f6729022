package io.kpool.bench;

import picocli.CommandLine.Option;

/** The {@code --bootstrap-servers} option of every benchmark. */
final class BrokerOption {
    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
            description = "Kafka to measure against. Default: an embedded kafka-local broker started for the run.")
    String bootstrapServers;

    /** @return the broker given, or an embedded one started now */
    BenchBroker start() {
        return BenchBroker.startOrUse(bootstrapServers);
    }
}
