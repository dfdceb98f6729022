package io.kpool.cli;

import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolSettings;
import io.kpool.service.ConnectionMixin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kpool inspect lag}: the pool workers' and the queue consumers' lag, per partition. */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = {"Prints, per partition, the committed offset, the end offset and the lag of the pool workers' group "
                + "on the tasks topic and of the queue consumers' group on the queue topic (from kpool.pool.* and "
                + "kpool.queue.* settings, or the options). A topic that does not exist is skipped."})
final class InspectLag implements Callable<Integer> {
    @Mixin
    private ConnectionMixin connection;

    @Option(names = "--pool-group", paramLabel = "GROUP", description = "The workers' group (kpool.pool.group).")
    private String poolGroup;

    @Option(names = "--tasks-topic", paramLabel = "TOPIC", description = "The tasks topic (kpool.pool.tasks.topic).")
    private String tasksTopic;

    @Option(names = "--queue-group", paramLabel = "GROUP", description = "The queue consumers' group (kpool.queue.group).")
    private String queueGroup;

    @Option(names = "--queue-topic", paramLabel = "TOPIC", description = "The queue topic (kpool.queue.topic).")
    private String queueTopic;

    @Option(names = "--json", description = "Print one JSON array.")
    private boolean json;

    @Override
    public Integer call() throws InterruptedException {
        KpoolSettings settings = connection.load(Map.of());
        List<GroupLag> lags = new ArrayList<>();
        try (Admin admin = Clients.admin(settings)) {
            lags.addAll(GroupLag.of(admin, or(poolGroup, settings, KpoolConfig.POOL_GROUP),
                    or(tasksTopic, settings, KpoolConfig.POOL_TASKS_TOPIC)));
            lags.addAll(GroupLag.of(admin, or(queueGroup, settings, KpoolConfig.QUEUE_GROUP),
                    or(queueTopic, settings, KpoolConfig.QUEUE_TOPIC)));
        }
        if (json) {
            Output.json(System.out, lags);
        } else {
            Output.table(System.out, List.of("GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG"), lags.stream()
                    .map(lag -> List.of(lag.group(), lag.topic(), Integer.toString(lag.partition()),
                            lag.committed() == null ? "-" : Long.toString(lag.committed()), Long.toString(lag.end()),
                            Long.toString(lag.lag()))).toList());
        }
        return 0;
    }

    private static String or(String given, KpoolSettings settings, String key) {
        return given != null ? given : (String) settings.get(key);
    }
}
