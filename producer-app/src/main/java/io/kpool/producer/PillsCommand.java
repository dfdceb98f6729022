package io.kpool.producer;

import io.kpool.queue.QueueProducer;
import io.kpool.service.QueueCommandOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Sends one poison pill to every partition of the queue topic, or one per consumer. */
@Command(name = "pills", mixinStandardHelpOptions = true,
        description = {"Sends one poison pill to each partition of the queue topic, or with --consumers N, N pills",
                "spread over the partitions: the seed's one None per consumer, for consumers in share mode (--mode share),",
                "each of which takes one pill and stops. Run it only after every producer has finished: items put after",
                "a pill are not taken by this run's consumers."})
final class PillsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private QueueCommandOptions queue;

    @Option(names = "--consumers", paramLabel = "N",
            description = "Send N pills (one per consumer, for share mode) instead of one per partition.")
    private Integer consumers;

    @Override
    public Integer call() {
        if (consumers != null && consumers < 1) {
            throw new ParameterException(spec.commandLine(), "--consumers must be at least 1, got " + consumers);
        }
        try (QueueProducer producer = QueueProducer.open(queue.queueOptions("pills"))) {
            if (consumers == null) {
                producer.sendPoisonPills();
            } else {
                producer.sendPoisonPills(consumers);
            }
        }
        return 0;
    }
}
