package io.kpool.it;

import static org.awaitility.Awaitility.await;

import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pool on a test broker as the process tests set it up: its own tasks and callback topics and worker group,
 * the kpool service processes started on them (each given the pool's environment) and the clients opened on
 * them; {@link #close()} terminates the clients and stops the processes, in the order they were opened.
 */
final class PoolProcesses implements AutoCloseable {
    /**
     * Worker settings that detect a dead or stopped worker in 6 s: the classic group protocol (whose session the
     * member sets; KIP-848's is the broker's, 45 s by default).
     */
    static final Map<String, String> CLASSIC_QUICK_FAILOVER = Map.of("KAFKA_SESSION_TIMEOUT_MS", "6000",
            "KAFKA_HEARTBEAT_INTERVAL_MS", "1000");

    private final TestKafka kafka;
    private final int partitions;
    private final String tasksTopic;
    private final String callbackTopic;
    private final String group;
    private final Map<String, String> env = new HashMap<>();
    private final OpenedResources opened = new OpenedResources();

    /**
     * @param prefix the start of the topics' and the group's names ({@code <prefix>-tasks}, {@code <prefix>-callbacks},
     *     {@code <prefix>-workers})
     * @param settings environment every process gets besides the broker, topics and group (e.g. KAFKA_SESSION_TIMEOUT_MS)
     */
    PoolProcesses(TestKafka kafka, String prefix, int partitions, Map<String, String> settings) {
        this.kafka = kafka;
        this.partitions = partitions;
        tasksTopic = kafka.createTopic(prefix + "-tasks", partitions);
        callbackTopic = kafka.createTopic(prefix + "-callbacks", partitions);
        group = kafka.uniqueName(prefix + "-workers");
        env.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KPOOL_POOL_TASKS_TOPIC", tasksTopic,
                "KPOOL_POOL_CALLBACK_TOPIC", callbackTopic, "KPOOL_POOL_GROUP", group));
        env.putAll(settings);
    }

    TestKafka kafka() {
        return kafka;
    }

    int partitions() {
        return partitions;
    }

    String tasksTopic() {
        return tasksTopic;
    }

    String callbackTopic() {
        return callbackTopic;
    }

    String group() {
        return group;
    }

    /** @return the environment of the pool's processes: broker, topics, group and the settings; a copy to add to */
    Map<String, String> env() {
        return new HashMap<>(env);
    }

    /** @return a started kpool service jar with the pool's environment and {@code extraEnv}, stopped at the end */
    ServiceProcess start(String label, String jarProperty, Map<String, String> extraEnv, String... args) {
        Map<String, String> processEnv = env();
        processEnv.putAll(extraEnv);
        return track(ServiceProcess.start(label, jarProperty, processEnv, args));
    }

    /** @return a started pool-worker process named {@code name} with {@code processes} threads; it may not have joined yet */
    ServiceProcess worker(String name, int processes, Map<String, String> extraEnv, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--name", name, "--processes", Integer.toString(processes)));
        args.addAll(List.of(extraArgs));
        return start(name, "kpool.pool-worker.jar", extraEnv, args.toArray(String[]::new));
    }

    /** @return {@code worker} (named {@code name}) once it has been assigned partitions */
    static ServiceProcess assigned(ServiceProcess worker, String name, Duration atMost) {
        await().atMost(atMost).until(() -> worker.hasLine(line -> line.contains(name + " was assigned partitions")));
        return worker;
    }

    /** @return a client of the pool's topics, terminated at the end */
    Pool pool(String clientId) {
        return pool(PoolClientOptions.builder().clientId(clientId));
    }

    /** @return a client of the pool's topics with the builder's settings, terminated at the end */
    Pool pool(PoolClientOptions.Builder builder) {
        return track(Pool.open(builder.bootstrapServers(kafka.bootstrapServers()).tasksTopic(tasksTopic)
                .callbackTopic(callbackTopic).build()));
    }

    /** @return {@code closeable}, closed at the end ({@link Pool}s terminated) */
    <T extends AutoCloseable> T track(T closeable) {
        return opened.track(closeable);
    }

    @Override
    public void close() {
        opened.close();
    }
}
