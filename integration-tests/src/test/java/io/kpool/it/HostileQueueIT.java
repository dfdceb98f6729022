package io.kpool.it;

import static io.kpool.it.HostileRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A consumer-app process fed thousands of generated records by a foreign client, good queue items
 * interleaved with every kind of bad one: it must eat each good item exactly once, dead-letter each bad
 * record, stop on the pills with exit code 0, and leave its group committed to the end.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HostileQueueIT {
    private static final long SEED = 20261130L;
    private static final int RECORDS = 3_000;
    private static final int PARTITIONS = 3;
    private static final String EATER = "hostile-eater";
    private static final Pattern ATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO\\s+" + EATER + " ate (.*)$", Pattern.DOTALL);
    private static final Pattern GOOD_TAG = Pattern.compile("⟦good-(\\d+)⟧");
    private static final Pattern GOOD_NUMBER = Pattern.compile("^7(\\d{9})$");
    private static final Duration EXIT = Duration.ofSeconds(120);
    private static final List<String> FIELDS = List.of("id", "item", "producer");

    private final List<ServiceProcess> processes = new ArrayList<>();
    private TestKafka kafka;
    private String topic;
    private String group;
    private Map<String, String> env;

    /** One generated record, whether a consumer must eat it, and the tag its item shows in the log if so. */
    private record Generated(ProducerRecord<byte[], byte[]> record, boolean good, String kind) {
    }

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
        topic = kafka.createTopic("hostile-queue", PARTITIONS);
        group = kafka.uniqueName("hostile-eaters");
        env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KPOOL_QUEUE_TOPIC", topic,
                "KPOOL_QUEUE_GROUP", group, "KAFKA_SESSION_TIMEOUT_MS", "6000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
    }

    @AfterEach
    void tearDown() {
        processes.forEach(ServiceProcess::close);
    }

    private ServiceProcess start(String label, String jar, String... args) {
        ServiceProcess process = ServiceProcess.start(label, jar, env, args);
        processes.add(process);
        return process;
    }

    private ServiceProcess assignedConsumer() {
        ServiceProcess consumer = start(EATER, "kpool.consumer.jar", "--name", EATER);
        await().atMost(EXIT).until(() -> consumer.hasLine(line -> line.contains(EATER + " was assigned partitions")));
        return consumer;
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aConsumerFedThousandsOfHostileRecordsEatsEveryGoodItemOnceDeadLettersEveryBadOneAndExitsZeroOnItsPills() throws Exception {
        System.out.println("HostileQueueIT seed " + SEED);
        HostileRecords random = new HostileRecords(SEED);
        List<Generated> generated = new ArrayList<>();
        for (int n = 0; n < RECORDS; n++) {
            if (n % 300 == 150) {
                generated.add(oversized(random, n));
            } else {
                generated.add(random.chance(0.5) || n % 1_000 == 999 ? good(random, n) : bad(random, n));
            }
        }
        ServiceProcess consumer = assignedConsumer();

        Map<TopicPartition, List<Long>> badOffsets = new HashMap<>();
        Map<String, Integer> badKinds = new java.util.TreeMap<>();
        try (KafkaProducer<byte[], byte[]> producer = RawKafka.producer(kafka)) {
            List<Future<RecordMetadata>> sent = generated.stream().map(g -> producer.send(g.record())).toList();
            for (int i = 0; i < sent.size(); i++) {
                RecordMetadata metadata = sent.get(i).get(60, TimeUnit.SECONDS);
                if (!generated.get(i).good()) {
                    badOffsets.computeIfAbsent(new TopicPartition(topic, metadata.partition()), p -> new ArrayList<>()).add(metadata.offset());
                    badKinds.merge(generated.get(i).kind(), 1, Integer::sum);
                }
            }
        }
        assertThat(start("pills", "kpool.producer.jar", "pills").waitForExit(EXIT)).isZero();

        assertThat(consumer.waitForExit(EXIT)).as("the consumer exits 0 on its pills").isZero();
        List<Integer> goodSent = new ArrayList<>();
        for (int n = 0; n < RECORDS; n++) {
            if (generated.get(n).good()) {
                goodSent.add(n);
            }
        }
        List<Integer> eaten = eatenTags(consumer.lines());
        List<ConsumerRecord<byte[], byte[]>> deadLetters = RawKafka.readAll(kafka, topic + ".DLT");
        long badSent = badOffsets.values().stream().mapToLong(List::size).sum();
        System.out.printf("HostileQueueIT figures: seed %d, records sent %d, good %d, bad %d, dead letters %d, eaten %d; bad by kind %s%n",
                SEED, RECORDS, goodSent.size(), badSent, deadLetters.size(), eaten.size(), badKinds);

        assertThat(eaten).as("every good item eaten exactly once, nothing else eaten").containsExactlyInAnyOrderElementsOf(goodSent);
        assertThat(consumer.lines()).as("no record forged a log line").noneMatch(line -> line.startsWith(HostileRecords.FORGED_LINE_START));
        assertThat(deadLetters).as("every dead letter names its error and source").allSatisfy(letter -> {
            assertThat(header(letter, "kpool-dlt-error")).isNotBlank();
            assertThat(header(letter, "kpool-dlt-source-topic")).isEqualTo(topic);
        });
        Map<TopicPartition, List<Long>> deadLettered = deadLetters.stream().collect(Collectors.groupingBy(
                letter -> new TopicPartition(topic, Integer.parseInt(header(letter, "kpool-dlt-source-partition"))),
                Collectors.mapping(letter -> Long.parseLong(header(letter, "kpool-dlt-source-offset")), Collectors.toList())));
        deadLettered.values().forEach(list -> list.sort(null));
        assertThat(deadLettered).as("each bad record dead-lettered exactly once, and nothing else").isEqualTo(badOffsets);
        assertSameValues(deadLetters, generated);
        Map<TopicPartition, Long> end = RawKafka.endOffsets(kafka, topic, PARTITIONS);
        Map<TopicPartition, OffsetAndMetadata> committed = RawKafka.committed(kafka, group);
        assertThat(committed.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())))
                .as("committed offsets reached the end offsets, pills included").isEqualTo(end);
        assertThat(committed.values()).as("each commit passed a pill").allSatisfy(offset -> assertThat(offset.metadata()).contains("kpool:poisoned"));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aLogLineInsideAnItemDoesNotAppearAsALineOfItsOwn() throws Exception {
        ServiceProcess consumer = assignedConsumer();
        ObjectNode item = HostileRecords.object().put("id", "forger-1").put("item", "⟦good-0⟧ bread" + HostileRecords.forgedLine("⟦forged-0⟧"));
        try (KafkaProducer<byte[], byte[]> producer = RawKafka.producer(kafka)) {
            producer.send(new ProducerRecord<>(topic, utf8("forger-1"), utf8(item))).get(60, TimeUnit.SECONDS);
        }
        assertThat(start("pills", "kpool.producer.jar", "pills").waitForExit(EXIT)).isZero();

        assertThat(consumer.waitForExit(EXIT)).isZero();
        assertThat(eatenTags(consumer.lines())).containsExactly(0);
        assertThat(consumer.lines()).noneMatch(line -> line.startsWith(HostileRecords.FORGED_LINE_START));
    }

    /** @return the number of each good item in the consumer's {@code <name> ate <item>} lines, once per line */
    private static List<Integer> eatenTags(List<String> lines) {
        List<Integer> tags = new ArrayList<>();
        for (String line : lines) {
            Matcher ate = ATE.matcher(line);
            if (!ate.matches()) {
                continue;
            }
            Matcher tag = GOOD_TAG.matcher(ate.group(1));
            Matcher number = GOOD_NUMBER.matcher(ate.group(1));
            if (tag.find()) {
                tags.add(Integer.parseInt(tag.group(1)));
            } else if (number.matches()) {
                tags.add(Integer.parseInt(number.group(1)));
            } else {
                tags.add(-1); // eaten, but no good item: fails the comparison with what was sent
            }
        }
        return tags;
    }

    /** A dead letter carries its record unchanged: the same key and value as the record at its source offset. */
    private void assertSameValues(List<ConsumerRecord<byte[], byte[]>> deadLetters, List<Generated> generated) {
        Set<String> sentValues = generated.stream().filter(g -> !g.good())
                .map(g -> Arrays.toString(g.record().key()) + "/" + Arrays.hashCode(g.record().value()) + "/" + length(g.record().value()))
                .collect(Collectors.toSet());
        assertThat(deadLetters).as("dead letters hold the bad records' keys and values unchanged").allSatisfy(letter ->
                assertThat(sentValues).contains(Arrays.toString(letter.key()) + "/" + Arrays.hashCode(letter.value()) + "/" + length(letter.value())));
    }

    private static int length(byte[] value) {
        return value == null ? -1 : value.length;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A valid queue item whose log line shows {@code ⟦good-n⟧} (or, for a number item, 7 followed by n in nine digits). */
    private Generated good(HostileRecords random, int n) {
        String tag = "⟦good-" + n + "⟧";
        String id = "good-" + n + "-" + random.text(2).replaceAll("\\s", "");
        ObjectNode value = HostileRecords.object().put("id", id);
        switch (random.nextInt(5)) {
            case 0 -> value.put("item", 7_000_000_000L + n);
            case 1 -> value.set("item", HostileRecords.object().put("tag", tag).set("nested", random.json(3)));
            case 2 -> value.set("item", HostileRecords.object().arrayNode().add(tag).add(random.json(2)));
            default -> value.put("item", tag + " " + random.text(6));
        }
        if (n % 1_000 == 999) {
            value.put("item", tag + " " + "包".repeat(300_000)); // about 900 KB
        }
        if (random.chance(0.5)) {
            value.put("producer", "producer-" + random.text(2));
        }
        if (random.chance(0.5)) {
            value.set("sentAt", random.json(2)); // informational: ignored whatever it holds
        }
        if (random.chance(0.3)) {
            value.set("unknown-" + random.text(1), random.json(2));
        }
        RecordHeaders headers = new RecordHeaders();
        if (random.chance(0.5)) {
            headers.add("kpool-type", utf8("queue-item"));
        }
        if (random.chance(0.1)) {
            headers.add("x-" + random.text(1), random.bytes(random.nextInt(20)));
        }
        return new Generated(new ProducerRecord<>(topic, null, utf8(id), utf8(value), headers), true, "good");
    }

    /** A record that is no valid queue message, of one of several kinds. */
    private Generated bad(HostileRecords random, int n) {
        String id = "bad-" + n;
        ObjectNode valid = HostileRecords.object().put("id", id).put("item", "bad " + random.text(3) + HostileRecords.forgedLine("⟦forged-" + n + "⟧"));
        RecordHeaders headers = new RecordHeaders();
        byte[] key = random.chance(0.5) ? utf8(id) : random.bytes(random.nextInt(12));
        String kind;
        byte[] value;
        switch (random.nextInt(8)) {
            case 0 -> {
                kind = "random-bytes";
                value = random.bytes(random.nextInt(300));
            }
            case 1 -> {
                kind = "random-json";
                value = utf8(random.json(4)); // objects of random shape never have an "id"
            }
            case 2 -> {
                String field = random.pick(FIELDS);
                JsonNode mutated = mutation(random, field);
                kind = "mutated-" + field;
                if (mutated == null) {
                    valid.remove(field);
                } else {
                    valid.set(field, mutated);
                }
                value = utf8(valid);
            }
            case 3 -> {
                kind = "mutated-kpool-type";
                headers.add("kpool-type", random.pick(List.of(utf8("queue-itemx"), utf8(""), utf8("QUEUE-ITEM"), utf8("poison-pill "),
                        new byte[] {(byte) 0xff, 0, (byte) 0xfe}, utf8("queue-item\n" + HostileRecords.FORGED_LINE_START))));
                value = utf8(valid);
            }
            case 4 -> {
                kind = "second-kpool-type-unknown";
                headers.add("kpool-type", utf8("queue-item"));
                headers.add("kpool-type", utf8("no-such-type"));
                value = utf8(valid);
            }
            case 5 -> {
                kind = "no-or-empty-value";
                value = random.chance(0.5) ? null : new byte[0];
            }
            case 6 -> {
                kind = "forged-log-line-in-id";
                valid.put("id", "bad\n" + HostileRecords.FORGED_LINE_START + "⟦forged-id-" + n + "⟧");
                valid.remove("item");
                value = utf8(valid);
            }
            default -> {
                kind = "truncated-json";
                byte[] whole = utf8(valid);
                value = Arrays.copyOf(whole, random.nextInt(whole.length - 1));
            }
        }
        return new Generated(new ProducerRecord<>(topic, null, key, value, headers), false, kind);
    }

    /** A bad record of about 900 KB: random bytes, or a queue message without an id. */
    private Generated oversized(HostileRecords random, int n) {
        byte[] value = random.chance(0.5) ? random.bytes(900_000)
                : utf8(HostileRecords.object().put("item", "骨".repeat(300_000)).put("producer", "bad-" + n));
        return new Generated(new ProducerRecord<>(topic, null, utf8("bad-" + n), value, new RecordHeaders()), false, "oversized");
    }

    /** @return a value of another type that makes the field invalid, or null to remove it */
    private static JsonNode mutation(HostileRecords random, String field) {
        List<JsonNode> invalid = HostileRecords.everyType().stream().filter(value -> switch (field) {
            case "id" -> !value.isTextual() || value.textValue().isEmpty();
            case "item" -> value.isNull();
            default -> !value.isTextual() && !value.isNull(); // producer: a string if present (null: see the report)
        }).toList();
        boolean required = !field.equals("producer");
        return required && random.chance(1.0 / (invalid.size() + 1)) ? null : random.pick(invalid);
    }
}
