package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.dict.SharedDict;
import io.kpool.dict.SharedDictOptions;
import io.kpool.dict.SharedLock;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The seed's Manager().dict + Lock with every client a separate JVM (the examples jar), against a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class SharedDictProcessesIT {
    private static final Duration EXIT = Duration.ofSeconds(120);
    private static final Pattern HOLDS = Pattern.compile("holds lock '.+' with token (\\d+)");

    private final List<ServiceProcess> processes = new ArrayList<>();
    private TestKafka kafka;
    private String dict;

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
        this.dict = kafka.uniqueName("dict");
    }

    @AfterEach
    void tearDown() {
        processes.forEach(ServiceProcess::close);
    }

    private ServiceProcess example(String label, String bootstrapServers, String... args) {
        ServiceProcess process = ServiceProcess.start(label, "kpool.examples.jar", Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers), args);
        processes.add(process);
        return process;
    }

    private ServiceProcess sharedCount(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("shared-count", "--dict", dict, "--name", name));
        args.addAll(List.of(extra));
        return example(name, kafka.bootstrapServers(), args.toArray(String[]::new));
    }

    private SharedDict openHere(String clientId) {
        return SharedDict.open(SharedDictOptions.builder().bootstrapServers(kafka.bootstrapServers()).clientId(clientId).build(), dict);
    }

    @Test
    void processesIncrementingAndUpdatingTheSameKeyAtOnceLoseNoUpdate() throws Exception {
        List<ServiceProcess> writers = List.of(
                sharedCount("increments-1", "--initial", "1000", "--decrements", "300"),
                sharedCount("increments-2", "--initial", "1000", "--decrements", "300"),
                sharedCount("updates", "--initial", "1000", "--decrements", "30", "--mode", "update"));
        for (ServiceProcess writer : writers) {
            assertThat(writer.waitForExit(EXIT)).isZero();
        }

        ServiceProcess printer = sharedCount("printer", "--decrements", "0", "--print");
        assertThat(printer.waitForExit(EXIT)).isZero();
        assertThat(printer.lines()).contains("{count=370}");
    }

    @Test
    void processesDecrementingUnderTheLockTheSeedsWayLoseNoUpdate() throws Exception {
        List<ServiceProcess> writers = List.of(
                sharedCount("locker-1", "--decrements", "10", "--mode", "lock"),
                sharedCount("locker-2", "--decrements", "10", "--mode", "lock"),
                sharedCount("locker-3", "--decrements", "10", "--mode", "lock"));
        for (ServiceProcess writer : writers) {
            assertThat(writer.waitForExit(EXIT)).isZero();
        }

        try (SharedDict d = openHere("reader")) {
            assertThat(d.get("count", Long.class)).contains(70L);
        }
    }

    @Test
    void aHolderKilledWhileHoldingTheLockLosesItWhenTheLeaseRunsOutAndItsTokenIsFenced() throws Exception {
        ServiceProcess victim = example("victim", kafka.bootstrapServers(), "shared-lock", "--dict", dict, "--name", "victim",
                "--hold", "PT120S", "--lock-lease-ms", "2000");
        long victimToken = tokenOf(victim);
        victim.kill();

        try (SharedDict d = openHere("survivor")) {
            SharedLock lock = d.lock("lock");
            long asked = System.nanoTime();
            assertThat(lock.tryLock(Duration.ofSeconds(60))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("waited for the lease").isLessThan(Duration.ofSeconds(30));
            assertThat(lock.token()).isGreaterThan(victimToken);
            d.fencedBy(lock).put("owner", "survivor");

            // a write the victim sent just before it died arrives late, under its old token
            appendRaw("{\"op\":\"put\",\"key\":\"owner\",\"value\":\"victim\",\"fence\":{\"lock\":\"lock\",\"token\":" + victimToken + "}}");
            d.sync();

            assertThat(d.get("owner", String.class)).contains("survivor");
            lock.unlock();
        }
    }

    @Test
    void aHolderThatStallsPastItsLeaseIsFencedWhenItResumesAndItsWritesDoNotLand() throws Exception {
        ServiceProcess staller = example("staller", kafka.bootstrapServers(), "shared-lock", "--dict", dict, "--name", "staller",
                "--hold", "PT120S", "--lock-lease-ms", "1000");
        tokenOf(staller);
        await().atMost(Duration.ofSeconds(30)).until(() -> staller.hasLine(line -> line.contains("wrote owner=staller")));
        staller.pause();

        try (SharedDict d = openHere("egon")) {
            SharedLock lock = d.lock("lock");
            assertThat(lock.tryLock(Duration.ofSeconds(60))).isTrue();
            d.fencedBy(lock).put("owner", "egon");
            staller.resume();

            assertThat(staller.waitForExit(EXIT)).isEqualTo(1);
            assertThat(staller.lines()).anyMatch(line -> line.contains("rejected") || line.contains("was lost"));
            d.sync();
            assertThat(d.get("owner", String.class)).contains("egon");
            lock.unlock();
        }
    }

    @Test
    void aDictExampleWithAMetricsPortServesItsDictMetersAndIsReadyOnceTheDictIsOpen() throws Exception {
        int port = freePort();
        ServiceProcess holder = example("metered", kafka.bootstrapServers(), "shared-lock", "--dict", dict, "--name", "metered",
                "--hold", "PT60S", "--metrics-port", Integer.toString(port));
        tokenOf(holder);
        await().atMost(Duration.ofSeconds(30)).until(() -> holder.hasLine(line -> line.contains("wrote owner=metered (3)")));

        long writtenBefore = holder.lines().stream().filter(line -> line.contains("wrote owner=metered")).count();
        String scrape = get(port, "/metrics").body();
        long writtenAfter = holder.lines().stream().filter(line -> line.contains("wrote owner=metered")).count();
        String tags = "dict=\"" + dict + "\",";
        assertThat(sample(scrape, "kpool_dict_lock_wait_seconds_count{" + tags + "lock=\"lock\",result=\"acquired\",service=\"shared-lock\"}"))
                .isEqualTo(1);
        assertThat(sample(scrape, "kpool_dict_operations_total{" + tags + "operation=\"put\",result=\"success\",service=\"shared-lock\"}"))
                .isBetween((double) writtenBefore, (double) writtenAfter + 1);
        assertThat(sample(scrape, "kpool_dict_operations_pending{" + tags + "service=\"shared-lock\"}")).isBetween(0.0, 1.0);
        assertThat(get(port, "/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void theCountSurvivesARestartOfTheBrokerAndOfEveryProcess(@TempDir Path dataDir) throws Exception {
        String port = Integer.toString(freePort());
        String servers = "localhost:" + port;
        ServiceProcess broker = startBroker("broker", port, dataDir);
        for (ServiceProcess writer : List.of(
                example("first", servers, "shared-count", "--dict", dict, "--decrements", "4"),
                example("second", servers, "shared-count", "--dict", dict, "--decrements", "6"))) {
            assertThat(writer.waitForExit(EXIT)).isZero();
        }
        broker.terminate();
        assertThat(broker.waitForExit(Duration.ofSeconds(60))).isZero();

        startBroker("restarted", port, dataDir);
        ServiceProcess printer = example("printer", servers, "shared-count", "--dict", dict, "--decrements", "0", "--print");

        assertThat(printer.waitForExit(EXIT)).isZero();
        assertThat(printer.lines()).contains("{count=90}");
    }

    private ServiceProcess startBroker(String label, String port, Path dataDir) {
        ServiceProcess broker = ServiceProcess.start(label, "kpool.kafka-local.jar", Map.of(), "--port", port,
                "--data-dir", dataDir.toString());
        processes.add(broker);
        await().atMost(Duration.ofSeconds(90)).until(() -> broker.hasLine(line -> line.contains("kafka-local ready on")));
        return broker;
    }

    private static long tokenOf(ServiceProcess holder) {
        await().atMost(Duration.ofSeconds(60)).until(() -> holder.hasLine(line -> HOLDS.matcher(line).find()));
        for (String line : holder.lines()) {
            Matcher matcher = HOLDS.matcher(line);
            if (matcher.find()) {
                return Long.parseLong(matcher.group(1));
            }
        }
        throw new AssertionError("no token line in " + holder.lines());
    }

    private void appendRaw(String json) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.clientProperties(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("kpool.dict." + dict, json)).get(30, TimeUnit.SECONDS);
        }
    }

    /** @return the value of one sample of a Prometheus scrape */
    private static double sample(String scrape, String sample) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(scrape);
        assertThat(matcher.find()).as("%s in the scrape:%n%s", sample, scrape).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
