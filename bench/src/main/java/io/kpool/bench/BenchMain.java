package io.kpool.bench;

import io.kpool.service.ServiceCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bench}: kpool's benchmarks. Each measures kpool and a baseline (hand-written raw Kafka, Python,
 * or an ideal) in the same run, against the same broker, and prints the numbers and their ratio.
 * Without a subcommand it runs them all.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "kpool bench 0.1.0",
        description = {"kpool's benchmarks, each beside a baseline measured in the same run (raw Kafka, Python, or the ideal rate),"
                + " numbers and ratios printed as Markdown tables with the machine's load average before and after.",
                "Without --bootstrap-servers each starts an embedded kafka-local broker of its own.",
                "Without a subcommand: 'all', every benchmark (about 6 minutes on a 2-core machine).",
                "Exit code 1 when a result is wrong (a missing item, a wrong square); never because something is slow."},
        subcommands = {AllBench.class, PoolBench.class, QueueBench.class, MapBench.class, ScaleBench.class, LatencyBench.class,
                DictBench.class, WorkerCommand.class})
public final class BenchMain implements Callable<Integer> {
    @Mixin
    private BrokerOption broker;

    /** @param args the command line */
    public static void main(String[] args) {
        ServiceCommand.main(new BenchMain(), args);
    }

    @Override
    public Integer call() throws Exception {
        AllBench all = new AllBench();
        return ServiceCommand.run(all, broker.bootstrapServers == null ? new String[0] : new String[] {"-b", broker.bootstrapServers});
    }
}
