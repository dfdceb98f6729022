package io.kpool.producer;

import io.kpool.service.ServiceCommand;
import picocli.CommandLine.Command;

/**
 * {@code producer-app}: the seed's producers. {@code produce} puts items named like the seed
 * ({@code 包子0} ... {@code 包子9}) and can {@code --join}; {@code pills} sends one poison pill to
 * each partition, after every producer has finished.
 */
@Command(name = "producer-app", mixinStandardHelpOptions = true, version = "kpool producer-app 0.1.0",
        description = "Puts items on a kpool queue (a Kafka topic) and ends the queue with poison pills.",
        subcommands = {ProduceCommand.class, PillsCommand.class},
        footer = {"", "Environment: KAFKA_BOOTSTRAP_SERVERS, any KAFKA_<PROPERTY> (e.g. KAFKA_SECURITY_PROTOCOL), "
                + "any KPOOL_<SETTING> (e.g. KPOOL_QUEUE_TOPIC), KPOOL_CONFIG_FILE.",
                "Exit codes: 0 done, 1 failed (e.g. join timed out), 2 bad usage or configuration."})
public final class ProducerApp {
    private ProducerApp() {
    }

    /** @param args the command line */
    public static void main(String[] args) {
        ServiceCommand.main(new ProducerApp(), args);
    }
}
