package io.kpool.dict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared dict against a real broker, with several clients (each its own producer and consumer) in one JVM. */
@ExtendWith(KafkaBrokerExtension.class)
class SharedDictIT {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<SharedDict> opened = new ArrayList<>();
    private SharedDictOptions options;
    private String name;

    @BeforeEach
    void setUp(TestKafka kafka) {
        options = SharedDictOptions.builder().bootstrapServers(kafka.bootstrapServers()).build();
        name = kafka.uniqueName("dict");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        opened.forEach(SharedDict::close);
    }

    private SharedDict open(String client, Map<String, ?> initial) {
        SharedDict dict = SharedDict.open(options.toBuilder().clientId(client).build(), name, initial);
        synchronized (opened) {
            opened.add(dict);
        }
        return dict;
    }

    @Test
    void tenClientsOpeningWithCountHundredAndDecrementingOnceEachLeaveNinety() throws Exception {
        List<Future<?>> processes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String client = "process-" + i;
            processes.add(threads.submit(() -> open(client, Map.of("count", 100)).incrementBy("count", -1)));
        }
        for (Future<?> process : processes) {
            process.get(60, TimeUnit.SECONDS);
        }

        SharedDict late = open("printer", Map.of("count", 100));
        assertThat(late.snapshot()).isEqualTo(Map.of("count", IntNode.valueOf(90)));
        assertThat(late.snapshot().toString()).isEqualTo("{count=90}");
    }

    @Test
    void concurrentIncrementsAndUpdatesFromSeveralClientsLoseNothing() throws Exception {
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String client = "client-" + i;
            clients.add(threads.submit(() -> {
                SharedDict dict = open(client, Map.of());
                List<CompletableFuture<Long>> increments = new ArrayList<>();
                for (int n = 0; n < 500; n++) {
                    increments.add(dict.incrementByAsync("hits", 1));
                }
                for (int n = 0; n < 25; n++) {
                    dict.update("hits", Long.class, hits -> hits == null ? 1000 : hits + 1000);
                }
                CompletableFuture.allOf(increments.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get(120, TimeUnit.SECONDS);
        }

        SharedDict reader = open("reader", Map.of());
        assertThat(reader.get("hits", Long.class)).contains(4 * 500 + 4 * 25 * 1000L);
    }

    @Test
    void theLockExcludesUnderContentionSoAGetThenPutUnderItLosesNothing() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String client = "client-" + i;
            clients.add(threads.submit(() -> {
                SharedDict dict = open(client, Map.of("count", 0));
                SharedLock lock = dict.lock("count-lock");
                for (int round = 0; round < 10; round++) {
                    lock.lock();
                    try {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        long count = dict.get("count", Long.class).orElseThrow();
                        dict.fencedBy(lock).put("count", count + 1);
                        inside.decrementAndGet();
                    } finally {
                        lock.unlock();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get(120, TimeUnit.SECONDS);
        }

        assertThat(mostInside.get()).as("holders at the same time").isEqualTo(1);
        assertThat(open("reader", Map.of()).get("count", Long.class)).contains(40L);
    }

    @Test
    void aHolderThatStopsRenewingLosesTheLockWhenItsLeaseRunsOutAndItsLateWritesAreFenced(TestKafka kafka) throws Exception {
        SharedDict dict = open("egon", Map.of());
        // a holder that crashed right after it was granted the lock: nobody renews its 2 s lease
        long crashedToken = appendRaw(kafka, "{\"op\":\"lock-acquire\",\"lock\":\"L\",\"owner\":\"crashed\",\"leaseMs\":2000}");
        SharedLock lock = dict.lock("L");

        assertThat(lock.tryLock(Duration.ofMillis(200))).as("within the crashed holder's lease").isFalse();
        assertThat(lock.tryLock(Duration.ofSeconds(30))).as("after its lease ran out").isTrue();
        assertThat(lock.token()).isGreaterThan(crashedToken);
        dict.fencedBy(lock).put("owner", "egon");
        appendRaw(kafka, "{\"op\":\"put\",\"key\":\"owner\",\"value\":\"crashed\",\"fence\":{\"lock\":\"L\",\"token\":" + crashedToken + "}}");
        dict.sync();

        assertThat(dict.get("owner", String.class)).contains("egon");
        lock.unlock();
    }

    @Test
    void aWriteUnderALockWhoseGrantIsNoLongerCurrentFailsWithFencedExceptionAndChangesNothing(TestKafka kafka) throws Exception {
        SharedDict alex = open("alex", Map.of());
        SharedDict egon = open("egon", Map.of());
        SharedLock alexLock = alex.lock("L", Duration.ofSeconds(30));
        alexLock.lock();
        // alex's grant ends without alex knowing (as if its lease had run out while it stalled); egon takes the lock
        appendRaw(kafka, "{\"op\":\"lock-release\",\"lock\":\"L\",\"token\":" + alexLock.token() + "}");
        SharedLock egonLock = egon.lock("L");
        assertThat(egonLock.tryLock(Duration.ofSeconds(30))).isTrue();

        assertThatThrownBy(() -> alex.fencedBy(alexLock).put("owner", "alex"))
                .isInstanceOf(FencedException.class).hasMessageContaining("lock 'L'");
        assertThatThrownBy(alexLock::unlock).isInstanceOf(FencedException.class);
        egon.sync();
        assertThat(egon.get("owner")).isEmpty();
        egonLock.unlock();
    }

    @Test
    void closingTheDictReleasesItsLocksSoOthersDoNotWaitOutTheLease() {
        SharedDict alex = SharedDict.open(options.toBuilder().clientId("alex").build(), name);
        SharedLock held = alex.lock("L", Duration.ofMinutes(5));
        held.lock();
        alex.putAsync("left", "while holding the lock");

        alex.close();

        SharedDict egon = open("egon", Map.of());
        SharedLock lock = egon.lock("L");
        assertThat(lock.tryLock(Duration.ofSeconds(20))).as("long before alex's 5 min lease ends").isTrue();
        assertThat(egon.get("left", String.class)).as("alex's write in flight reached the log before close returned")
                .contains("while holding the lock");
        lock.unlock();
    }

    @Test
    void closingEveryClientLosesNothingAndALateJoinerSeesTheCurrentValuesAndVersions() {
        DictEntry count;
        try (SharedDict first = SharedDict.open(options, name, Map.of("count", 100))) {
            first.put("crawler", new TreeMap<>(Map.of("urls", List.of("https://example.com"), "done", false)));
            first.put("gone", "soon");
            first.remove("gone");
            first.incrementBy("count", -10);
            count = first.entry("count").orElseThrow();
        }

        SharedDict late = open("late", Map.of("count", 100));

        assertThat(late.snapshot().toString()).isEqualTo("{count=90, crawler={\"done\":false,\"urls\":[\"https://example.com\"]}}");
        assertThat(late.entry("count")).contains(count);
    }

    @Test
    void compareAndSetWinsOnlyOnTheVersionItRead() {
        SharedDict dict = open("cas", Map.of());
        dict.put("k", 1);
        DictEntry read = dict.entry("k").orElseThrow();

        assertThat(dict.compareAndSet("k", read.version(), 2)).isTrue();
        assertThat(dict.compareAndSet("k", read.version(), 3)).isFalse();
        assertThat(dict.get("k", Integer.class)).contains(2);
        assertThat(dict.compareAndSet("new", DictEntry.ABSENT, "x")).isTrue();
        assertThat(dict.compareAndSet("new", DictEntry.ABSENT, "y")).isFalse();
    }

    @Test
    void badNamesKeysAndValuesAreRejectedWithMessagesNamingThemAndNothingIsWritten() {
        SharedDict dict = open("checks", Map.of("name", "egon"));

        assertThatThrownBy(() -> SharedDict.open(options, "no spaces")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> dict.put("", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> dict.put("k".repeat(1_001), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 1,000 code points");
        assertThatThrownBy(() -> dict.put("tab\tkey", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> dict.put("object", new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'object'").hasMessageContaining("cannot be written as JSON");
        assertThatThrownBy(() -> dict.put("huge", new BigInteger("9".repeat(1_001)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'huge'").hasMessageContaining("1,000");
        assertThatThrownBy(() -> dict.incrementBy("name", 1)).isInstanceOf(SharedDictException.class)
                .hasMessageContaining("'name'").hasMessageContaining("not an integer");
        assertThatThrownBy(() -> dict.get("name", Integer.class)).isInstanceOf(SharedDictException.class)
                .hasMessageContaining("'name'");
        dict.sync();
        assertThat(dict.snapshot().toString()).isEqualTo("{name=\"egon\"}");
    }

    @Test
    void hostileRecordsFromAForeignClientAreSkippedByEveryClientAndTheDictStaysUsable(TestKafka kafka) throws Exception {
        SharedDict dict = open("java", Map.of("count", 100));
        List<byte[]> hostile = Arrays.asList(
                null,
                new byte[] {(byte) 0xff, 0x00, 0x0a, (byte) 0xc0, (byte) 0xaf},
                utf8("[{\"op\":\"increment\",\"key\":\"count\",\"delta\":-1}]"),
                utf8("{\"op\":\"increment\",\"key\":\"count\",\"delta\":\"-5\"}"),
                utf8("{\"op\":\"increment\",\"key\":\"count\",\"delta\":-1.5}"),
                utf8("{\"op\":\"put\",\"key\":7,\"value\":1}"),
                utf8("{\"op\":\"put\",\"key\":\"count\",\"value\":null}"),
                utf8("{\"op\":\"put\",\"key\":\"count\",\"value\":" + "[".repeat(100) + "]".repeat(100) + "}"),
                utf8("{\"op\":\"remove\",\"key\":\"" + "k".repeat(1_001) + "\"}"),
                utf8("{\"op\":\"remove\\nWARN forged\",\"key\":\"count\"}"),
                utf8("{\"op\":\"remove\",\"key\":\"count\"} trailing"));
        try (KafkaProducer<byte[], byte[]> foreign = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (byte[] record : hostile) {
                foreign.send(new ProducerRecord<>(options.topicFor(name), record)).get(30, TimeUnit.SECONDS);
                dict.incrementBy("count", -1);
            }
            foreign.send(new ProducerRecord<>(options.topicFor(name), utf8("{\"op\":\"put\",\"key\":\" \",\"value\":\"blank\"}")))
                    .get(30, TimeUnit.SECONDS);
        }
        dict.sync();
        dict.put("after", "still writable");

        SharedDict late = open("late", Map.of());
        assertThat(dict.get("count", Long.class)).contains(100L - hostile.size());
        assertThat(dict.get(" ", String.class)).as("a blank key is a key").contains("blank");
        assertThat(late.snapshot()).isEqualTo(dict.snapshot()).containsOnlyKeys("count", " ", "after");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private long appendRaw(TestKafka kafka, String json) throws Exception {
        Map<String, Object> props = kafka.clientProperties();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(options.topicFor(name), json)).get(30, TimeUnit.SECONDS).offset();
        }
    }
}
