package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the queue's process tests share: producer-app and consumer-app processes on their own topic and
 * group, the items each consumer logged as eaten, pills, and how much of the topic the group has not committed.
 */
final class QueueFleet {
    static final Duration EXIT = Duration.ofSeconds(90);

    private final List<ServiceProcess> processes = new ArrayList<>();
    private final TestKafka kafka;
    private final String topic;
    private final String group;
    private final int partitions;
    private final Map<String, String> env;

    QueueFleet(TestKafka kafka, int partitions) {
        this.kafka = kafka;
        this.partitions = partitions;
        topic = kafka.createTopic("queue", partitions);
        group = kafka.uniqueName("eaters");
        env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KPOOL_QUEUE_TOPIC", topic,
                "KPOOL_QUEUE_GROUP", group, "KAFKA_SESSION_TIMEOUT_MS", "6000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
    }

    TestKafka kafka() {
        return kafka;
    }

    String topic() {
        return topic;
    }

    String group() {
        return group;
    }

    /** @return a started consumer-app named {@code name} */
    ServiceProcess consumer(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("--name", name));
        args.addAll(List.of(extra));
        return track(ServiceProcess.start(name, "kpool.consumer.jar", env, args.toArray(String[]::new)));
    }

    /** @return a started producer-app with these arguments */
    ServiceProcess producer(String label, String... args) {
        return track(ServiceProcess.start(label, "kpool.producer.jar", env, args));
    }

    private ServiceProcess track(ServiceProcess process) {
        processes.add(process);
        return process;
    }

    /** @return the items the consumers logged as eaten, one entry per eating */
    static List<String> eaten(ServiceProcess... consumers) {
        return EatenItems.by(List.of(consumers));
    }

    /** Sends one pill per partition with {@code producer-app pills}. */
    void sendPills() throws InterruptedException {
        assertThat(producer("pills", "pills").waitForExit(EXIT)).isZero();
    }

    /** @return how many records of the topic the group has not committed */
    long uncommitted() throws Exception {
        return RawKafka.uncommitted(kafka, group, topic, partitions);
    }

    /** Kills every process still running. */
    void close() {
        processes.forEach(ServiceProcess::close);
    }
}
