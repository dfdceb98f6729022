package io.kpool.bench;

import io.kpool.service.ServiceCommand;
import picocli.CommandLine.Command;

/**
 * {@code bench}: kpool's benchmarks. Each measures kpool and a hand-written raw-Kafka baseline in
 * the same run, against the same broker, and prints the numbers and their ratio.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "kpool bench 0.1.0",
        description = {"kpool's benchmarks, each beside a raw-Kafka baseline measured in the same run.",
                "Without --bootstrap-servers each starts an embedded kafka-local broker of its own."},
        subcommands = {PoolBench.class, DictBench.class, ShareBench.class})
public final class BenchMain {
    private BenchMain() {
    }

    /** @param args the command line */
    public static void main(String[] args) {
        ServiceCommand.main(new BenchMain(), args);
    }
}
