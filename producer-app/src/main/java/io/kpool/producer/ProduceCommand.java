package io.kpool.producer;

import io.kpool.queue.QueueOptions;
import io.kpool.queue.QueueProducer;
import io.kpool.service.MetricsOptions;
import io.kpool.service.QueueCommandOptions;
import io.kpool.service.ServiceEndpoint;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Puts {@code --count} items named {@code <food><i>} on the queue, optionally waiting for them to be processed. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Puts COUNT items named FOOD0, FOOD1, ... on the queue, like the seed's producer.",
                "With --join it then blocks until the consumer group has processed (committed) every one of them,",
                "like JoinableQueue.join(), and exits 1 if that takes longer than --join-timeout."})
final class ProduceCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ProduceCommand.class);

    @Mixin
    private QueueCommandOptions queue;

    @Mixin
    private MetricsOptions metrics;

    @Option(names = {"-n", "--name"}, defaultValue = "producer", description = "This producer's name, used in logs and item ids. Default: ${DEFAULT-VALUE}.")
    private String name;

    @Option(names = {"-f", "--food"}, defaultValue = "包子", description = "Item name prefix: items are FOOD0 ... FOOD<COUNT-1>. Default: ${DEFAULT-VALUE}.")
    private String food;

    @Option(names = "--count", defaultValue = "10", description = "How many items to put. Default: ${DEFAULT-VALUE}.")
    private int count;

    @Option(names = "--min-delay-ms", defaultValue = "0", description = "Shortest random pause before each item (the seed sleeps 1-3 s). Default: ${DEFAULT-VALUE}.")
    private long minDelayMs;

    @Option(names = "--max-delay-ms", defaultValue = "0", description = "Longest random pause before each item. Default: ${DEFAULT-VALUE}.")
    private long maxDelayMs;

    @Option(names = "--join", description = "After putting, wait until the consumer group has processed every item.")
    private boolean join;

    @Option(names = "--join-timeout", defaultValue = "PT5M", paramLabel = "DURATION",
            description = "How long --join waits, ISO-8601 (PT30S, PT5M). Default: ${DEFAULT-VALUE}.")
    private Duration joinTimeout;

    @Override
    public Integer call() throws InterruptedException {
        if (count < 0 || minDelayMs < 0 || maxDelayMs < minDelayMs) {
            throw new IllegalArgumentException("--count and --min-delay-ms must be >= 0 and --max-delay-ms >= --min-delay-ms"
                    + " (got count=" + count + ", min=" + minDelayMs + ", max=" + maxDelayMs + ")");
        }
        QueueOptions options = queue.queueOptions(name);
        LOG.info("{} starting: {} item(s) to topic '{}' at {}", name, count, options.topic(), options.connection().bootstrapServers());
        try (ServiceEndpoint endpoint = metrics.start("producer-app"); QueueProducer producer = QueueProducer.open(options)) {
            endpoint.readiness(() -> true); // a job: ready while it runs
            for (int i = 0; i < count; i++) {
                TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(minDelayMs, maxDelayMs + 1));
                String item = food + i;
                producer.put(item);
                LOG.info("{} produced {}", name, item);
            }
            producer.flush();
            if (join) {
                producer.join(joinTimeout);
            }
        }
        LOG.info("{} finished: {} item(s) put{}", name, count, join ? " and processed" : "");
        return 0;
    }
}
