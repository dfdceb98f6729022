package io.kpool.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline: a hand-written minimal request/result pipeline with plain Kafka clients and no
 * kpool. Requests are decimal numbers on a tasks topic; one worker thread in a consumer group
 * squares each and produces the result to partition 0 of a results topic (committing after each
 * poll's results are sent); the client reads that partition.
 */
final class RawPipeline implements AutoCloseable {
    private final String servers;
    private final String tasksTopic;
    private final String resultsTopic;
    private final KafkaProducer<byte[], byte[]> clientProducer;
    private final KafkaConsumer<byte[], byte[]> clientConsumer;
    private final Thread worker;
    private final AtomicLong results = new AtomicLong();
    private volatile boolean running = true;

    RawPipeline(String servers, String run, int partitions) throws Exception {
        this.servers = servers;
        this.tasksTopic = "raw-tasks-" + run;
        this.resultsTopic = "raw-results-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(tasksTopic, Optional.of(partitions), Optional.empty()),
                    new NewTopic(resultsTopic, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        }
        clientProducer = new KafkaProducer<>(producerProps());
        clientConsumer = new KafkaConsumer<>(consumerProps(null));
        TopicPartition results = new TopicPartition(resultsTopic, 0);
        clientConsumer.assign(List.of(results));
        clientConsumer.seekToEnd(List.of(results));
        clientConsumer.position(results);
        CountDownLatch assigned = new CountDownLatch(1);
        worker = new Thread(() -> work(assigned), "raw-worker");
        worker.start();
        assigned.await(30, TimeUnit.SECONDS);
    }

    private Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, PoolBench.LINGER_MS);
        return props;
    }

    private Map<String, Object> consumerProps(String group) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return props;
    }

    private void work(CountDownLatch assigned) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps("raw-workers-" + tasksTopic));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
            consumer.subscribe(List.of(tasksTopic));
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                if (!consumer.assignment().isEmpty()) {
                    assigned.countDown();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    long n = Long.parseLong(new String(record.value(), StandardCharsets.US_ASCII));
                    producer.send(new ProducerRecord<>(resultsTopic, 0, record.key(),
                            Long.toString(n * n).getBytes(StandardCharsets.US_ASCII)));
                }
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
            }
        }
    }

    /** Sends {@code count} requests and waits for every result; returns the elapsed nanoseconds. */
    long throughput(long count, String label) {
        long target = results.get() + count;
        long start = System.nanoTime();
        Thread sender = new Thread(() -> {
            for (long i = 0; i < count; i++) {
                clientProducer.send(new ProducerRecord<>(tasksTopic, ("t" + i).getBytes(StandardCharsets.US_ASCII),
                        Long.toString(i % 1000).getBytes(StandardCharsets.US_ASCII)));
            }
            clientProducer.flush();
        }, "raw-sender");
        sender.start();
        Progress progress = Progress.start(label, () -> results.get() - (target - count), count);
        try {
            while (results.get() < target) {
                results.addAndGet(clientConsumer.poll(Duration.ofMillis(100)).count());
            }
        } finally {
            progress.close();
        }
        return System.nanoTime() - start;
    }

    /** One request, wait for its result: the round trip in nanoseconds. */
    long roundTrip(long n) {
        long start = System.nanoTime();
        clientProducer.send(new ProducerRecord<>(tasksTopic, ("r" + n).getBytes(StandardCharsets.US_ASCII),
                Long.toString(n).getBytes(StandardCharsets.US_ASCII)));
        long target = results.get() + 1;
        while (results.get() < target) {
            results.addAndGet(clientConsumer.poll(Duration.ofMillis(100)).count());
        }
        return System.nanoTime() - start;
    }

    @Override
    public void close() {
        running = false;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clientProducer.close(Duration.ofSeconds(5));
        clientConsumer.close();
    }
}
