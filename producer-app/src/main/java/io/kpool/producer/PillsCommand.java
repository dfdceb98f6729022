package io.kpool.producer;

import io.kpool.queue.QueueProducer;
import io.kpool.service.QueueCommandOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Sends one poison pill to every partition of the queue topic. */
@Command(name = "pills", mixinStandardHelpOptions = true,
        description = {"Sends one poison pill to each partition of the queue topic.",
                "Run it only after every producer has finished: each consumer stops once every partition it owns",
                "is poisoned, and items put after a pill are not taken by this run's consumers."})
final class PillsCommand implements Callable<Integer> {
    @Mixin
    private QueueCommandOptions queue;

    @Override
    public Integer call() {
        try (QueueProducer producer = QueueProducer.open(queue.queueOptions("pills"))) {
            producer.sendPoisonPills();
        }
        return 0;
    }
}
