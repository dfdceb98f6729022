package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed's producer/consumer scenarios with every service a separate JVM, against a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class QueueServicesIT {
    private static final List<String> FOODS = List.of("包子", "泔水", "骨头");
    private static final Duration EXIT = QueueFleet.EXIT;

    private QueueFleet fleet;

    @BeforeEach
    void setUp(TestKafka kafka) {
        fleet = new QueueFleet(kafka, 6);
    }

    @AfterEach
    void tearDown() {
        fleet.close();
    }

    private ServiceProcess consumer(String name, String... extra) {
        return fleet.consumer(name, extra);
    }

    private ServiceProcess producer(String label, String... args) {
        return fleet.producer(label, args);
    }

    private static List<String> eaten(ServiceProcess... consumers) {
        return EatenItems.by(List.of(consumers));
    }

    private static List<String> items(String food, int count) {
        return IntStream.range(0, count).mapToObj(i -> food + i).toList();
    }

    private static List<String> allItems(int perFood) {
        return FOODS.stream().flatMap(food -> items(food, perFood).stream()).toList();
    }

    private void sendPills() throws InterruptedException {
        fleet.sendPills();
    }

    private long uncommitted() throws Exception {
        return fleet.uncommitted();
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
                && line.contains(fleet.group()));
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
