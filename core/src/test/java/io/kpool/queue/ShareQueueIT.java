package io.kpool.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpool.core.DeliveryMode;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The queue in share mode: consumers share one partition item by item, and N pills stop N consumers. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(180)
class ShareQueueIT {
    private final QueueEaters eaters = new QueueEaters();
    private QueueOptions options;

    @BeforeEach
    void setUp(TestKafka kafka) {
        options = QueueOptions.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topic(kafka.createTopic("share-queue", 1))
                .group(kafka.uniqueName("share-eaters"))
                .mode(DeliveryMode.SHARE)
                .joinProgressInterval(Duration.ofMillis(500))
                .build();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        eaters.close();
    }

    private Future<Integer> consumer(String name, ConcurrentLinkedQueue<String> eaten) {
        return eaters.eat(options, name, eaten, Duration.ofMillis(20)); // eating takes a while, so both consumers get items
    }

    @Test
    void twoConsumersShareOnePartitionEatEveryItemOnceAndTwoPillsStopBoth() throws Exception {
        ConcurrentLinkedQueue<String> eaten = new ConcurrentLinkedQueue<>();
        Future<Integer> alex = consumer("alex", eaten);
        Future<Integer> egon = consumer("egon", eaten);
        List<String> items = IntStream.range(0, 40).mapToObj(i -> "包子" + i).toList();
        try (QueueProducer producer = QueueProducer.open(options.toBuilder().clientId("producer").build())) {
            items.forEach(producer::put);
            producer.join(Duration.ofSeconds(90));
            assertThat(eaten).as("join returns once every item is acknowledged").containsExactlyInAnyOrderElementsOf(items);
            assertThat(producer.sendPoisonPills(2)).isEqualTo(2);
        }

        int byAlex = alex.get(60, TimeUnit.SECONDS);
        int byEgon = egon.get(60, TimeUnit.SECONDS);
        assertThat(eaten).containsExactlyInAnyOrderElementsOf(items);
        assertThat(byAlex).as("alex's share of one partition").isPositive();
        assertThat(byEgon).as("egon's share of one partition").isPositive();
    }
}
