package io.kpool.bench;

import io.kpool.service.ServiceCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bench all} (also {@code bench} without a subcommand): every benchmark one after another on one
 * broker, then all their figures in one table.
 */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = {"Runs every benchmark at its defaults, one after another on one broker (pool with 3 rounds instead of 5):"
                + " pool, queue, map, scale, latency, dict; then prints all their figures in one table, each row with the load"
                + " average before and after its benchmark. About 6 minutes on a 2-core machine. Exit code 1 if any benchmark saw"
                + " a wrong result (it goes on with the others first); being slow never fails it."})
final class AllBench implements Callable<Integer> {
    @Mixin
    private BrokerOption broker;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        List<String> failed = new ArrayList<>();
        try (BenchBroker kafka = broker.start()) {
            String servers = kafka.bootstrapServers();
            run(failed, "pool", new PoolBench(), "-b", servers, "--rounds", "3");
            run(failed, "queue", new QueueBench(), "-b", servers);
            run(failed, "map", new MapBench(), "-b", servers);
            run(failed, "scale", new ScaleBench(), "-b", servers);
            run(failed, "latency", new LatencyBench(), "-b", servers);
            run(failed, "dict", new DictBench(), "-b", servers);
        }
        System.out.printf("%nAll benchmarks, %.0f s, on %d CPU cores:%n%n", (System.nanoTime() - start) / 1e9,
                Runtime.getRuntime().availableProcessors());
        System.out.println(Report.HEADER);
        Report.printed().forEach(System.out::println);
        if (!failed.isEmpty()) {
            System.out.println("\nFAILED (wrong results): " + failed);
            return ServiceCommand.FAILED;
        }
        return 0;
    }

    private static void run(List<String> failed, String name, Object benchmark, String... args) {
        System.out.printf("%n==== bench %s ====%n", name);
        if (ServiceCommand.run(benchmark, args) != 0) {
            failed.add(name);
        }
    }
}
