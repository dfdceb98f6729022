package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The queue under process faults: a consumer-app and a producer-app SIGKILLed mid-run and both restarted.
 * Nothing is lost (every item eaten at least once); an item is eaten more often than it is on the queue only
 * if it was in flight on the killed consumer; the restarted producer puts all its items again, so those it had
 * put before the kill are on the queue, and eaten, twice.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueueFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 4;
    /** Enough that the producer is still putting when both consumers have eaten ten each, however slowly they joined. */
    private static final int ITEMS = 400;
    /** Items a producer may have logged as put and not yet sent when it was killed. */
    private static final int UNSENT_AT_KILL = 3;
    private static final String FOOD = "骨头";

    private QueueFleet fleet;

    @BeforeEach
    void setUp(TestKafka kafka) {
        fleet = new QueueFleet(kafka, PARTITIONS);
    }

    @AfterEach
    void tearDown() {
        fleet.close();
    }

    @Test
    void aConsumerAndAProducerKilledAndRestartedLoseNothingAndEatTwiceOnlyWhatWasInFlightOrPutTwice() throws Exception {
        long start = System.nanoTime();
        ServiceProcess victim = fleet.consumer("alex", "--delay-ms", "50");
        ServiceProcess survivor = fleet.consumer("egon", "--delay-ms", "50");
        String[] produce = {"produce", "--name", "p1", "--food", FOOD, "--count", Integer.toString(ITEMS), "--max-delay-ms", "40"};
        ServiceProcess producer = fleet.producer("p1", produce);
        await().atMost(QueueFleet.EXIT).until(() -> QueueFleet.eaten(victim).size() >= 10 && QueueFleet.eaten(survivor).size() >= 10);

        victim.kill();
        List<String> inFlight = InFlightTasks.uncommitted(victim, fleet.kafka(), fleet.group(), fleet.topic()).stream()
                .map(item -> item.path("item").asText()).toList();
        long producedBeforeKill = producer.lines().stream().filter(line -> line.contains("p1 produced")).count();
        producer.kill();
        assertThat(producedBeforeKill).as("the producer died mid-run").isLessThan(ITEMS);
        ServiceProcess restarted = fleet.consumer("alex-again", "--delay-ms", "50");
        ServiceProcess producerAgain = fleet.producer("p1-again", produce);
        assertThat(producerAgain.waitForExit(QueueFleet.EXIT)).isZero();
        await().atMost(QueueFleet.EXIT).pollInterval(Duration.ofMillis(500)).until(() -> fleet.uncommitted() == 0);
        fleet.sendPills();
        assertThat(survivor.waitForExit(QueueFleet.EXIT)).isZero();
        assertThat(restarted.waitForExit(QueueFleet.EXIT)).isZero();

        Map<String, Long> copies = copiesOnTopic();
        Map<String, Long> eaten = QueueFleet.eaten(victim, survivor, restarted).stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        Map<String, Long> eatenBeyondCopies = new TreeMap<>();
        eaten.forEach((item, times) -> {
            if (times > copies.getOrDefault(item, 0L)) {
                eatenBeyondCopies.put(item, times - copies.getOrDefault(item, 0L));
            }
        });
        long putTwice = copies.values().stream().filter(n -> n > 1).count();
        long eatings = eaten.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "FAULT MATRIX | queue: consumer and producer SIGKILLed, both restarted | items %d | put %d"
                        + " (put twice %d; the producer had logged %d before its kill) | eaten %d | eaten beyond their copies %d"
                        + " | in flight on the killed consumer %d | %.1f s%n", ITEMS, copies.values().stream().mapToLong(Long::longValue).sum(),
                putTwice, producedBeforeKill, eatings, eatenBeyondCopies.values().stream().mapToLong(Long::longValue).sum(),
                inFlight.size(), (System.nanoTime() - start) / 1e9);

        Set<String> all = IntStream.range(0, ITEMS).mapToObj(i -> FOOD + i).collect(Collectors.toSet());
        assertThat(eaten.keySet()).as("nothing lost: every item eaten").containsAll(all);
        assertThat(eatenBeyondCopies.keySet()).as("eaten more often than on the queue vs in flight on the killed consumer")
                .isSubsetOf(Set.copyOf(inFlight));
        assertThat(eatenBeyondCopies.values()).as("each at most once more").allMatch(n -> n == 1);
        // put() hands an item to the Kafka producer, which sends it within linger.ms: the last item or two the
        // producer logged before its SIGKILL may never have left the process (README: "may or may not be on the queue")
        assertThat(putTwice).as("the restarted producer put again what it had put before its kill")
                .isGreaterThanOrEqualTo(producedBeforeKill - UNSENT_AT_KILL);
    }

    /** @return how often each item is on the queue topic */
    private Map<String, Long> copiesOnTopic() {
        return RawKafka.readAll(fleet.kafka(), fleet.topic()).stream().filter(record -> record.value() != null)
                .map(QueueFaultsIT::item).filter(item -> item != null)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String item(ConsumerRecord<byte[], byte[]> record) {
        try {
            JsonNode value = JSON.readTree(record.value());
            return value.hasNonNull("item") ? value.path("item").asText() : null;
        } catch (IOException e) {
            return null; // a pill has no value; nothing else is on this topic
        }
    }
}
