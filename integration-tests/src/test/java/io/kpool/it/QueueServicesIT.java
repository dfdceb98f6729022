package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed's producer/consumer scenarios with every service a separate JVM, against a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class QueueServicesIT {
    private static final Pattern ATE = Pattern.compile("INFO\\s+(\\S+) ate (.+)$");
    private static final List<String> FOODS = List.of("包子", "泔水", "骨头");
    private static final Duration EXIT = Duration.ofSeconds(90);

    private final List<ServiceProcess> processes = new ArrayList<>();
    private TestKafka kafka;
    private String topic;
    private String group;
    private Map<String, String> env;

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
        topic = kafka.createTopic("queue", 6);
        group = kafka.uniqueName("eaters");
        env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KPOOL_QUEUE_TOPIC", topic,
                "KPOOL_QUEUE_GROUP", group, "KAFKA_SESSION_TIMEOUT_MS", "6000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
    }

    @AfterEach
    void tearDown() {
        for (ServiceProcess process : processes) {
            process.close();
        }
    }

    private ServiceProcess consumer(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("--name", name));
        args.addAll(List.of(extra));
        return track(ServiceProcess.start(name, "kpool.consumer.jar", env, args.toArray(String[]::new)));
    }

    private ServiceProcess producer(String label, String... args) {
        return track(ServiceProcess.start(label, "kpool.producer.jar", env, args));
    }

    private ServiceProcess track(ServiceProcess process) {
        processes.add(process);
        return process;
    }

    /** @return the items the consumers logged as eaten, in log order per consumer */
    static List<String> eaten(ServiceProcess... consumers) {
        List<String> items = new ArrayList<>();
        for (ServiceProcess consumer : consumers) {
            for (String line : consumer.lines()) {
                Matcher matcher = ATE.matcher(line);
                if (matcher.find()) {
                    items.add(matcher.group(2));
                }
            }
        }
        return items;
    }

    private static List<String> items(String food, int count) {
        return IntStream.range(0, count).mapToObj(i -> food + i).toList();
    }

    private static List<String> allItems(int perFood) {
        return FOODS.stream().flatMap(food -> items(food, perFood).stream()).toList();
    }

    private void sendPills() throws InterruptedException {
        assertThat(producer("pills", "pills").waitForExit(EXIT)).isZero();
    }

    private long uncommitted() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, 6).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> committed = kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        return kafka.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .mapToLong(e -> e.getValue().offset() - committed.getOrDefault(e.getKey(), 0L)).sum();
    }

    @Test
    void seedScenarioOneThreeProducersTwoConsumersStopOnPillsWithEveryItemEatenOnce() throws Exception {
        ServiceProcess alex = consumer("alex");
        ServiceProcess egon = consumer("egon");
        List<ServiceProcess> producers = FOODS.stream()
                .map(food -> producer("producer-" + food, "produce", "--name", "producer-" + food, "--food", food,
                        "--count", "10", "--max-delay-ms", "100"))
                .toList();
        for (ServiceProcess producer : producers) {
            assertThat(producer.waitForExit(EXIT)).isZero();
        }
        sendPills();

        assertThat(alex.waitForExit(EXIT)).isZero();
        assertThat(egon.waitForExit(EXIT)).isZero();
        assertThat(eaten(alex, egon)).containsExactlyInAnyOrderElementsOf(allItems(10));
        assertThat(uncommitted()).as("committed offsets equal end offsets").isZero();
    }

    @Test
    void seedScenarioTwoProducersJoinReturnsOnlyAfterTheirItemsWereEaten() throws Exception {
        ServiceProcess alex = consumer("alex", "--delay-ms", "20");
        ServiceProcess egon = consumer("egon", "--delay-ms", "20");
        List<ServiceProcess> producers = FOODS.stream()
                .map(food -> producer("producer-" + food, "produce", "--name", "producer-" + food, "--food", food,
                        "--count", "10", "--join", "--join-timeout", "PT60S"))
                .toList();
        for (int i = 0; i < FOODS.size(); i++) {
            assertThat(producers.get(i).waitForExit(EXIT)).isZero();
            assertThat(eaten(alex, egon)).as("when producer %s returns from join", FOODS.get(i))
                    .containsAll(items(FOODS.get(i), 10));
        }
        sendPills();
        assertThat(alex.waitForExit(EXIT)).isZero();
        assertThat(egon.waitForExit(EXIT)).isZero();
        assertThat(eaten(alex, egon)).containsExactlyInAnyOrderElementsOf(allItems(10));
    }

    @Test
    void joinWithNoConsumerRunningTimesOutWithAClearMessageAndExitCodeOne() throws Exception {
        ServiceProcess producer = producer("producer", "produce", "--count", "3", "--join", "--join-timeout", "PT3S");

        assertThat(producer.waitForExit(EXIT)).isEqualTo(1);
        assertThat(producer.lines()).anyMatch(line -> line.contains("join timed out") && line.contains("0 of 3")
                && line.contains(group));
    }

    @Test
    void aConsumerStartedAfterAnotherLeftOnItsPillsStillExits() throws Exception {
        assertThat(producer("producer", "produce", "--count", "10").waitForExit(EXIT)).isZero();
        sendPills();
        ServiceProcess early = consumer("early");
        assertThat(early.waitForExit(EXIT)).isZero();

        ServiceProcess late = consumer("late");

        assertThat(late.waitForExit(EXIT)).isZero();
        assertThat(eaten(early)).containsExactlyInAnyOrderElementsOf(items("包子", 10));
        assertThat(eaten(late)).isEmpty();
    }

    @Test
    void aConsumerKilledMidStreamLosesNothingTheOtherEatsWhatItLeftUncommitted() throws Exception {
        ServiceProcess victim = consumer("victim", "--delay-ms", "100");
        ServiceProcess survivor = consumer("survivor", "--delay-ms", "100");
        assertThat(producer("producer", "produce", "--food", "骨头", "--count", "60").waitForExit(EXIT)).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> eaten(victim).size() >= 5 && eaten(survivor).size() >= 5);

        victim.kill();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> uncommitted() == 0);
        sendPills();
        assertThat(survivor.waitForExit(EXIT)).isZero();
        assertThat(eaten(victim).size()).as("the victim died mid-stream").isLessThan(60);
        assertThat(eaten(victim, survivor)).as("nothing lost").containsAll(items("骨头", 60));
    }

    @Test
    void sigtermStopsAConsumerCleanlyWithExitCodeZero() throws Exception {
        ServiceProcess consumer = consumer("alex");
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.hasLine(line -> line.contains("was assigned partitions")));

        consumer.terminate();

        assertThat(consumer.waitForExit(Duration.ofSeconds(30))).isZero();
        assertThat(consumer.lines()).anyMatch(line -> line.contains("left group"));
    }
}
