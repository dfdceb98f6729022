package io.kpool.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The queue benchmark's baseline: a plain producer puts numbers as text on a topic; consumer threads
 * of one group (each its own KafkaConsumer) read them, count each, and commit after each poll's records
 * are processed; the producer then waits, as {@code join} does, until the group's committed offsets
 * cover everything it sent (checked every 100 ms, as kpool's join does).
 */
final class RawQueue {
    private RawQueue() {
    }

    /** @return nanoseconds from the first send until the group's commits cover every item */
    static long run(String servers, String run, int partitions, int consumers, ItemTally tally) throws Exception {
        String topic = "raw-queue-" + run;
        String group = "raw-queue-group-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
            List<Thread> threads = new ArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            for (int i = 0; i < consumers; i++) {
                Thread thread = new Thread(() -> consume(servers, topic, group, tally, running), "raw-queue-consumer-" + i);
                thread.start();
                threads.add(thread);
            }
            try {
                GroupReady.await(servers, group, consumers, partitions);
                long start = System.nanoTime();
                AtomicLongArray sent = produce(servers, topic, partitions, tally.size());
                awaitCommitted(admin, group, topic, sent);
                return System.nanoTime() - start;
            } finally {
                running.set(false);
                for (Thread thread : threads) {
                    thread.join(30_000);
                }
            }
        }
    }

    private static AtomicLongArray produce(String servers, String topic, int partitions, int items) {
        AtomicLongArray ends = new AtomicLongArray(partitions);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, PoolBench.LINGER_MS);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < items; i++) {
                producer.send(new ProducerRecord<>(topic, null, Integer.toString(i).getBytes(StandardCharsets.US_ASCII)),
                        (metadata, exception) -> {
                            if (exception == null) {
                                ends.accumulateAndGet(metadata.partition(), metadata.offset() + 1, Math::max);
                            }
                        });
            }
            producer.flush();
        }
        return ends;
    }

    private static void awaitCommitted(Admin admin, String group, String topic, AtomicLongArray ends) throws Exception {
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            boolean done = true;
            for (int partition = 0; partition < ends.length(); partition++) {
                OffsetAndMetadata offset = committed.get(new TopicPartition(topic, partition));
                done &= ends.get(partition) == 0 || offset != null && offset.offset() >= ends.get(partition);
            }
            if (done) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static void consume(String servers, String topic, String group, ItemTally tally, AtomicBoolean running) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    tally.mark(Integer.parseInt(new String(record.value(), StandardCharsets.US_ASCII)));
                }
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
            }
            consumer.commitSync(Duration.ofSeconds(10));
        }
    }
}
