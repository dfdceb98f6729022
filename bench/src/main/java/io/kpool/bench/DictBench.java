package io.kpool.bench;

import io.kpool.dict.SharedDict;
import io.kpool.dict.SharedDictOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench dict}: atomic updates per second on a shared dict, on one hot key and spread over many
 * keys, beside a raw-Kafka producer-to-consumer baseline measured in the same run. Every update must
 * be in the final values: a run that loses one fails (exit 1).
 */
@Command(name = "dict", mixinStandardHelpOptions = true,
        description = {"Shared dict: atomic updates/s of N concurrent clients on one hot key and spread over many keys, beside a"
                + " raw-Kafka baseline (one producer and one consumer moving the same number of records). The clients are separate"
                + " SharedDict instances (each its own producer, consumer and fold) on threads of this JVM. Exit code 1 if an"
                + " update is missing from the final values."})
final class DictBench implements Callable<Integer> {
    @Mixin
    private BrokerOption broker;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "10", description = "Concurrent dict clients. Default: ${DEFAULT-VALUE}.")
    private int clients;

    @Option(names = "--updates", paramLabel = "N", defaultValue = "20000", description = "incrementBy calls per client and workload. Default: ${DEFAULT-VALUE}.")
    private int updates;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "1000", description = "Keys of the spread workload. Default: ${DEFAULT-VALUE}.")
    private int keys;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "1000", description = "Async increments a client keeps in flight. Default: ${DEFAULT-VALUE}.")
    private int inFlight;

    @Option(names = "--cas-updates", paramLabel = "N", defaultValue = "200",
            description = "Synchronous update(fn) calls per client on the hot key (optimistic compare-and-set); 0 skips. Default: ${DEFAULT-VALUE}.")
    private int casUpdates;

    private final List<String> rows = new ArrayList<>();
    private boolean exact = true;
    private Report report;

    @Override
    public Integer call() throws Exception {
        report = new Report("dict");
        try (BenchBroker broker = this.broker.start()) {
            System.out.printf("kpool dict benchmark against %s, %d clients%n", broker.description(), clients);
            measure(broker.bootstrapServers());
        }
        rows.forEach(System.out::println);
        report.print();
        System.out.println(exact ? "Every update is in the final values." : "UPDATES WERE LOST: the benchmark failed.");
        return exact ? 0 : 1;
    }

    private void measure(String servers) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long total = (long) clients * updates;
        SharedDictOptions options = SharedDictOptions.builder().bootstrapServers(servers).build();
        // A cold JVM runs the first workload at half speed: warm up with a whole one (the JIT needs ~10^5 operations).
        System.out.printf("%nWarming up (not measured): %,d raw records, then %d clients × %,d increments…%n", total, clients, updates);
        RawKafkaBaseline.run(servers, "bench-raw-warmup-" + run, total);
        new DictLoad(options, "bench-warmup-" + run, clients, keys, inFlight).run(DictLoad.Kind.INCREMENT, updates);

        System.out.printf("%n1/4 raw Kafka baseline: %,d records through one producer and one consumer…%n", total);
        double baseline = total * 1e9 / RawKafkaBaseline.run(servers, "bench-raw-" + run, total);
        rows.add("");
        rows.add("| workload | updates | updates/s | vs raw Kafka |");
        rows.add("|---|---:|---:|---:|");
        rows.add("| raw Kafka: 1 producer → 1-partition topic → 1 consumer | %,d | %,.0f | 1.000 |".formatted(total, baseline));

        System.out.printf("%n2/4 hot key: %d clients × %,d incrementByAsync on one key (%d in flight each)…%n", clients, updates, inFlight);
        workload(options, "bench-hot-" + run, 1, DictLoad.Kind.INCREMENT, updates, baseline,
                "hot key: %d clients × incrementBy, pipelined".formatted(clients));
        System.out.printf("%n3/4 spread: the same over %,d keys…%n", keys);
        workload(options, "bench-spread-" + run, keys, DictLoad.Kind.INCREMENT, updates, baseline,
                "%,d keys: %d clients × incrementBy, pipelined".formatted(keys, clients));
        if (casUpdates > 0) {
            System.out.printf("%n4/4 hot key, optimistic: %d clients × %,d synchronous update(fn)…%n", clients, casUpdates);
            workload(options, "bench-cas-" + run, 1, DictLoad.Kind.UPDATE, casUpdates, baseline,
                    "hot key: %d clients × update(fn), one at a time".formatted(clients));
        }
    }

    private void workload(SharedDictOptions options, String dictName, int keyCount, DictLoad.Kind kind, int perClient,
                          double baseline, String label) throws Exception {
        DictLoad load = new DictLoad(options, dictName, clients, keyCount, inFlight);
        long total = (long) clients * perClient;
        Progress progress = Progress.start("updates", load::done, total);
        long nanos;
        try {
            nanos = load.run(kind, perClient);
        } finally {
            progress.close();
        }
        double rate = total * 1e9 / nanos;
        rows.add("| %s | %,d | %,.0f | %.3f |".formatted(label, total, rate, rate / baseline));
        report.row(label + ", %,d updates, raw producer → consumer vs kpool (updates/s)".formatted(total), baseline, rate, "");
        check(options, dictName, expected(load, perClient));
    }

    private Map<String, Long> expected(DictLoad load, int perClient) {
        Map<String, Long> expected = new HashMap<>();
        for (int client = 0; client < clients; client++) {
            for (int n = 0; n < perClient; n++) {
                expected.merge(load.key(client + n), 1L, Long::sum);
            }
        }
        return expected;
    }

    private void check(SharedDictOptions options, String dictName, Map<String, Long> expected) {
        try (SharedDict reader = SharedDict.open(options.toBuilder().clientId("bench-check").build(), dictName)) {
            Map<String, Long> actual = new HashMap<>();
            reader.snapshot().forEach((key, value) -> actual.put(key, value.longValue()));
            long sum = actual.values().stream().mapToLong(Long::longValue).sum();
            boolean ok = actual.equals(expected);
            exact &= ok;
            System.out.printf("   check: %,d keys, sum of values %,d, expected %,d: %s%n", actual.size(), sum,
                    expected.values().stream().mapToLong(Long::longValue).sum(), ok ? "exact" : "MISMATCH");
        }
    }
}
