package io.kpool.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class QueueIT {
    private final QueueEaters eaters = new QueueEaters();
    private TestKafka kafka;
    private QueueOptions options;

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
        this.options = QueueOptions.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topic(kafka.createTopic("queue", 6))
                .group(kafka.uniqueName("eaters"))
                .joinProgressInterval(Duration.ofMillis(500))
                .build();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        eaters.close();
    }

    /** Runs a consumer until the pills stop it, recording what it ate. */
    private Future<Integer> consumer(String name, ConcurrentLinkedQueue<String> eaten) {
        return eaters.eat(options, name, eaten, Duration.ZERO);
    }

    private void produce(String name, String food, int count) {
        try (QueueProducer producer = QueueProducer.open(options.toBuilder().clientId(name).build())) {
            IntStream.range(0, count).forEach(i -> producer.put(food + i));
            producer.flush();
        }
    }

    private void sendPills() {
        try (QueueProducer pills = QueueProducer.open(options.toBuilder().clientId("pills").build())) {
            assertThat(pills.sendPoisonPills()).isEqualTo(6);
        }
    }

    private Map<TopicPartition, Long> committedOffsets() throws Exception {
        return kafka.admin().listConsumerGroupOffsets(options.group()).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, 6).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(options.topic(), p), p -> OffsetSpec.latest()));
        return kafka.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Test
    void threeProducersTwoConsumersEveryItemEatenExactlyOnceAndBothStopOnThePills() throws Exception {
        ConcurrentLinkedQueue<String> eaten = new ConcurrentLinkedQueue<>();
        Future<Integer> alex = consumer("alex", eaten);
        Future<Integer> egon = consumer("egon", eaten);

        List<Future<?>> producers = new ArrayList<>();
        for (String food : List.of("包子", "泔水", "骨头")) {
            producers.add(eaters.run(() -> produce("producer-" + food, food, 10)));
        }
        for (Future<?> producer : producers) {
            producer.get(60, TimeUnit.SECONDS);
        }
        sendPills();

        int total = alex.get(90, TimeUnit.SECONDS) + egon.get(90, TimeUnit.SECONDS);
        assertThat(total).isEqualTo(30);
        List<String> expected = List.of("包子", "泔水", "骨头").stream()
                .flatMap(food -> IntStream.range(0, 10).mapToObj(i -> food + i)).toList();
        assertThat(eaten).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(committedOffsets()).isEqualTo(endOffsets());
    }

    @Test
    void joinReturnsOnlyAfterTheGroupCommittedEveryItem() throws Exception {
        ConcurrentLinkedQueue<String> eaten = new ConcurrentLinkedQueue<>();
        try (QueueProducer producer = QueueProducer.open(options.toBuilder().clientId("joiner").build())) {
            IntStream.range(0, 20).forEach(i -> producer.put("骨头" + i));
            Future<Integer> consumer = consumer("alex", eaten);

            producer.join(Duration.ofSeconds(60));

            assertThat(eaten).hasSize(20);
            long committed = committedOffsets().values().stream().mapToLong(Long::longValue).sum();
            assertThat(committed).isEqualTo(20);
            sendPillsWith(producer);
            assertThat(consumer.get(60, TimeUnit.SECONDS)).isEqualTo(20);
        }
    }

    private void sendPillsWith(QueueProducer producer) {
        assertThat(producer.sendPoisonPills()).isEqualTo(6);
    }

    @Test
    void joinWithNoConsumerTimesOutNamingTheGroup() {
        try (QueueProducer producer = QueueProducer.open(options.toBuilder().clientId("lonely").build())) {
            producer.put("包子0");

            assertThatThrownBy(() -> producer.join(Duration.ofSeconds(2)))
                    .isInstanceOf(JoinTimeoutException.class)
                    .hasMessageContaining("0 of 1")
                    .hasMessageContaining(options.group());
        }
    }

    @Test
    void aConsumerStartedAfterTheOthersLeftOnTheirPillsStillStops() throws Exception {
        produce("p", "包子", 12);
        sendPills();
        ConcurrentLinkedQueue<String> eaten = new ConcurrentLinkedQueue<>();
        assertThat(consumer("early", eaten).get(60, TimeUnit.SECONDS)).isEqualTo(12);

        assertThat(consumer("late", eaten).get(60, TimeUnit.SECONDS)).as("late consumer ate nothing and stopped").isZero();
        assertThat(eaten).hasSize(12);
    }

    @Test
    void markingMoreDoneThanWasDeliveredThrows() {
        produce("p", "包子", 1);
        try (QueueConsumer queue = QueueConsumer.open(options.toBuilder().clientId("alex").build())) {
            QueueItem item = await().atMost(Duration.ofSeconds(30))
                    .until(() -> queue.get(Duration.ofMillis(200)), Optional::isPresent).orElseThrow();
            queue.taskDone(item);

            assertThatThrownBy(() -> queue.taskDone(item))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("more times than items were delivered");
            QueueItem never = new QueueItem("x", item.value(), "p", options.topic(), item.partition(), item.offset() + 100);
            assertThatThrownBy(() -> queue.taskDone(never)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void itemsDoneOutOfOrderCommitOnlyTheContiguousPrefix() throws Exception {
        QueueOptions onePartition = options.toBuilder().topic(kafka.createTopic("ordered", 1)).build();
        options = onePartition;
        produce("p", "包子", 3);
        try (QueueConsumer queue = QueueConsumer.open(onePartition.toBuilder().clientId("alex").build())) {
            List<QueueItem> items = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                queue.get(Duration.ofMillis(200)).ifPresent(items::add);
                return items.size() == 3;
            });
            queue.taskDone(items.get(1));
            queue.taskDone(items.get(2));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> committedOffsets().getOrDefault(new TopicPartition(onePartition.topic(), 0), 0L) == 0L);

            queue.taskDone(items.get(0));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> committedOffsets().getOrDefault(new TopicPartition(onePartition.topic(), 0), 0L) == 3L);
        }
    }

}
