package io.kpool.bench;

import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench queue}: items/s through a joinable queue (put → get → taskDone → join), 1 producer
 * and N consumers, beside a raw producer → consumer-group pipeline with manual commits.
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = {"Queue throughput: ITEMS small items (the numbers 0..ITEMS-1) from one QueueProducer.put through CONSUMERS"
                + " QueueConsumers (get, count, taskDone: commit after processing) until the producer's join returns; beside a raw"
                + " Kafka pipeline (one plain producer, CONSUMERS plain consumers in one group committing after each poll, the"
                + " producer waiting for the group's commits to cover every item). Clock: first put to join returned, after the"
                + " group has its partitions. Every item must arrive (exit code 1 otherwise); duplicates are counted.",
                "ROUNDS rounds of each pipeline (alternating, fresh topic and group each), medians reported; also the CPU time the"
                        + " whole JVM (producer, consumers, the embedded broker; the round's setup of clients and group included) spent"
                        + " per item, which other load on the machine barely changes, and per round the threads that used the most of it"
                        + " (threads that ended with the round not listed).",
                "Target on a 2-core machine: >= 250,000 items/s and >= 0.9x raw. Python's JoinableQueue (1 producer, 2 consumers)"
                        + " does about 25k-60k items/s on such a machine. About 40 s at the defaults."})
final class QueueBench implements Callable<Integer> {
    @Mixin
    private BrokerOption broker;

    @Option(names = "--items", defaultValue = "1000000", description = "Items per round. Default: ${DEFAULT-VALUE}.")
    private int items;

    @Option(names = "--consumers", defaultValue = "2", description = "Consumers (threads, each its own consumer). Default: ${DEFAULT-VALUE}.")
    private int consumers;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the queue topic. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of each pipeline, medians reported. Default: ${DEFAULT-VALUE}.")
    private int rounds;

    @Override
    public Integer call() throws Exception {
        Stats.requirePositive("--items", items);
        Stats.requirePositive("--consumers", consumers);
        Stats.requirePositive("--partitions", partitions);
        Stats.requirePositive("--rounds", rounds);
        Report report = new Report("queue");
        try (BenchBroker kafka = broker.start()) {
            System.out.printf("kpool queue benchmark against %s: %,d items, 1 producer, %d consumers, %d partitions%n",
                    kafka.description(), items, consumers, partitions);
            double[] raw = new double[rounds];
            double[] kpool = new double[rounds];
            double[] rawCpu = new double[rounds];
            double[] kpoolCpu = new double[rounds];
            long duplicates = 0;
            for (int round = 0; round < rounds; round++) {
                String run = UUID.randomUUID().toString().substring(0, 8);
                Measured baseline = measure("raw Kafka", round,
                        tally -> RawQueue.run(kafka.bootstrapServers(), run, partitions, consumers, tally));
                raw[round] = baseline.rate;
                rawCpu[round] = baseline.cpuPerItem;
                Measured measured = measure("kpool queue", round,
                        tally -> KpoolQueue.run(kafka.bootstrapServers(), run, partitions, consumers, tally));
                kpool[round] = measured.rate;
                kpoolCpu[round] = measured.cpuPerItem;
                duplicates += measured.duplicates;
            }
            report.row("queue: put → get → taskDone → join, %,d items, 1 producer, %d consumers, median of %d (items/s)"
                    .formatted(items, consumers, rounds), Stats.median(raw), Stats.median(kpool), ">= 250,000 and >= 0.90");
            report.row("queue: CPU per item, whole JVM: producer, consumers and broker, median (µs)",
                    Stats.median(rawCpu), Stats.median(kpoolCpu), "");
            System.out.printf("   kpool items delivered twice over all rounds: %,d%n", duplicates);
        }
        report.print();
        return 0;
    }

    @SuppressWarnings("try") // the progress printer only needs closing
    private Measured measure(String label, int round, Pipeline pipeline) throws Exception {
        System.gc();
        ItemTally tally = new ItemTally(items);
        long nanos;
        var threadsBefore = CpuTime.byThread();
        long cpu = CpuTime.process();
        try (Progress progress = Progress.start(label + " (items received)", tally::received, items)) {
            nanos = pipeline.run(tally);
        }
        double cpuPerItem = (CpuTime.process() - cpu) / 1e3 / items;
        tally.checkComplete(label);
        double rate = items * 1e9 / nanos;
        System.out.printf("   round %d/%d %s: %,.0f items/s (%.2f s), %.2f µs CPU per item, %,d duplicate(s); CPU by thread:%n",
                round + 1, rounds, label, rate, nanos / 1e9, cpuPerItem, tally.duplicates());
        CpuTime.printTop(threadsBefore, CpuTime.byThread(), items);
        return new Measured(rate, cpuPerItem, tally.duplicates());
    }

    private record Measured(double rate, double cpuPerItem, long duplicates) {
    }

    /** One pipeline's round: moves every item of the tally and returns the nanoseconds it took. */
    private interface Pipeline {
        long run(ItemTally tally) throws Exception;
    }
}
