package io.kpool.pool.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.core.ConnectionOptions;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.pool.internal.wire.PoolTopics;
import io.kpool.pool.internal.wire.RetryTiers;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A delay-tier forwarder in exactly-once mode killed between forwarding a due retry and committing past it
 * (its transaction left open, as SIGKILL leaves it): its successor under the same transactional id forwards
 * the retry once, and a {@code read_committed} reader of the tasks topic sees it once. On a real broker.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class RetryForwarderExactlyOnceIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Stands for the process dying: nothing after it runs, nothing is cleaned up. */
    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("killed between forwarding and committing");
        }
    }

    @Test
    void aForwarderKilledBeforeItsCommitLeavesTheRetryToItsSuccessorWhichForwardsItOnce(TestKafka kafka) throws Exception {
        String tasks = kafka.createTopic("eos-retry-tasks", 1);
        ConnectionOptions connection = new ConnectionOptions("forwarder", kafka.clientProperties(), Optional.empty());
        PoolTopics.ensureRetryTiers(connection, tasks, 1);
        String tier = RetryTiers.topics(tasks).get(0);
        String group = kafka.uniqueName("eos-retry-tiers");
        String transactionalId = kafka.uniqueName("kpool-eos-retry");
        try (KafkaProducer<byte[], byte[]> plain = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            plain.send(new ProducerRecord<>(tier, 0, utf8("task-1"), utf8("{\"id\":\"task-1\"}"))).get(10, TimeUnit.SECONDS);
        }

        List<Exception> failures = new CopyOnWriteArrayList<>();
        Running first = forwarder(kafka, tasks, group, killedBeforeCommit(kafka, transactionalId), failures);
        first.thread().join(WAIT.toMillis());
        assertThat(first.thread().isAlive()).isFalse();
        assertThat(failures).singleElement().isInstanceOf(Killed.class);
        assertThat(read(kafka, tasks, "read_uncommitted")).as("the killed forwarder did forward it").hasSize(1);
        assertThat(committed(kafka, group, tier)).as("and did not commit past it").isNull();

        Running second = forwarder(kafka, tasks, group,
                KafkaClients.transactionalProducer(connection, "retry-transactions", transactionalId), failures);
        try {
            await().atMost(WAIT).untilAsserted(() -> assertThat(committed(kafka, group, tier)).isNotNull()
                    .extracting(OffsetAndMetadata::offset).isEqualTo(1L));
            List<ConsumerRecord<byte[], byte[]>> forwarded = read(kafka, tasks, "read_committed");
            assertThat(forwarded).as("the retry, once").singleElement()
                    .satisfies(record -> assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("task-1"));
            assertThat(read(kafka, tasks, "read_uncommitted")).as("the aborted copy is on the log, never committed").hasSize(2);
            assertThat(failures).hasSize(1);
        } finally {
            second.forwarder().stop();
            second.thread().join(WAIT.toMillis());
        }
    }

    /** A forwarder and its thread. */
    private record Running(RetryForwarder forwarder, Thread thread) {
    }

    /** Starts a forwarder on its own thread; it stops on its own when a failure reaches it. */
    private static Running forwarder(TestKafka kafka, String tasks, String group, KafkaProducer<byte[], byte[]> producer,
                                    List<Exception> failures) {
        KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(new ConnectionOptions(kafka.uniqueName("tier"),
                kafka.clientProperties(), Optional.empty()), group);
        RetryForwarder[] forwarder = new RetryForwarder[1];
        forwarder[0] = new RetryForwarder(consumer, new TransactionalHandOff(producer, consumer), RetryTiers.topics(tasks),
                tasks, Clock.systemUTC(), e -> {
                    failures.add(e);
                    forwarder[0].stop();
                });
        Thread thread = new Thread(forwarder[0], "test-forwarder");
        thread.setDaemon(true);
        thread.start();
        return new Running(forwarder[0], thread);
    }

    /** A transactional producer that dies at its commit, after its records reached the broker, leaving its transaction open. */
    private static KafkaProducer<byte[], byte[]> killedBeforeCommit(TestKafka kafka, String transactionalId) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 120_000); // the successor, not a timeout, must end it
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public void commitTransaction() {
                flush();
                throw new Killed();
            }

            @Override
            public void close(Duration timeout) {
                super.close(Duration.ZERO); // a forced close sends no abort: the transaction stays open, as after SIGKILL
            }
        };
        producer.initTransactions();
        return producer;
    }

    private static OffsetAndMetadata committed(TestKafka kafka, String group, String tier) throws Exception {
        return kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .get(new TopicPartition(tier, 0));
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(TestKafka kafka, String topic, String isolation) {
        return kafka.readPartition(topic, 0, isolation);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
