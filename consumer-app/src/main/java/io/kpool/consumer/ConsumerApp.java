package io.kpool.consumer;

import io.kpool.core.RecordText;
import io.kpool.queue.QueueConsumer;
import io.kpool.queue.QueueItem;
import io.kpool.queue.QueueOptions;
import io.kpool.queue.QueueShutDownException;
import io.kpool.service.GracefulShutdown;
import io.kpool.service.HeartbeatFile;
import io.kpool.service.MetricsOptions;
import io.kpool.service.QueueCommandOptions;
import io.kpool.service.ServiceCommand;
import io.kpool.service.ServiceEndpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code consumer-app}: the seed's consumer. Takes items, logs {@code <name> ate <item>}, marks each
 * done (commits), and exits 0 once every partition it owns is poisoned, or on SIGTERM after
 * committing what it finished.
 */
@Command(name = "consumer-app", mixinStandardHelpOptions = true, version = "kpool consumer-app 0.1.0",
        description = {"A member of the queue's consumer group: takes each item, logs '<name> ate <item>', marks it done.",
                "Exits 0 once every partition it owns has been poisoned (see 'producer-app pills'; with --mode share once it",
                "has taken one pill: 'producer-app pills --consumers N' stops N consumers), or on SIGTERM",
                "after committing what it finished; unfinished items go to the rest of the group."},
        footer = {"", "Environment: KAFKA_BOOTSTRAP_SERVERS, any KAFKA_<PROPERTY> (e.g. KAFKA_SESSION_TIMEOUT_MS), "
                + "any KPOOL_<SETTING> (e.g. KPOOL_QUEUE_GROUP), KPOOL_CONFIG_FILE.",
                "Exit codes: 0 done, 1 failed, 2 bad usage or configuration."})
public final class ConsumerApp implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerApp.class);
    private static final Duration POLL = Duration.ofMillis(200);

    @Mixin
    private QueueCommandOptions queue;

    @Mixin
    private MetricsOptions metrics;

    @Option(names = {"-n", "--name"}, defaultValue = "consumer", description = "This consumer's name, as in '<name> ate <item>'. Default: ${DEFAULT-VALUE}.")
    private String name;

    @Option(names = "--delay-ms", defaultValue = "0", description = "How long eating one item takes. Default: ${DEFAULT-VALUE}.")
    private long delayMs;

    /** @param args the command line */
    public static void main(String[] args) {
        ServiceCommand.main(new ConsumerApp(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (delayMs < 0) {
            throw new IllegalArgumentException("--delay-ms must be >= 0, got " + delayMs);
        }
        QueueOptions options = queue.queueOptions(name);
        GracefulShutdown shutdown = GracefulShutdown.install(name, Duration.ofSeconds(30));
        long eaten = 0;
        try (ServiceEndpoint endpoint = metrics.start("consumer-app");
             QueueConsumer consumer = endpoint.registry().map(meters -> QueueConsumer.open(options, meters))
                     .orElseGet(() -> QueueConsumer.open(options));
             HeartbeatFile heartbeat = HeartbeatFile.fromSystemProperty()) {
            endpoint.readiness(consumer::isReady);
            while (!shutdown.isRequested()) {
                heartbeat.beat();
                Optional<QueueItem> item = consumer.get(POLL);
                if (item.isPresent()) {
                    TimeUnit.MILLISECONDS.sleep(delayMs);
                    LOG.info("{} ate {}", name, RecordText.forLog(item.get().text()));
                    consumer.taskDone(item.get());
                    eaten++;
                }
            }
            LOG.info("{} stopping on request after eating {} item(s)", name, eaten);
        } catch (QueueShutDownException e) {
            LOG.info("{} finished: {} item(s) eaten; {}", name, eaten,
                    options.delivery().isShare() ? "it took its poison pill" : "every partition it owned is poisoned");
        } finally {
            shutdown.finished();
        }
        return 0;
    }
}
