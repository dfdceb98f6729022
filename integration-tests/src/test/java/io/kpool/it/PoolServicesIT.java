package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kpool.examples.LocalSite;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.RemoteTaskException;
import io.kpool.pool.TaskCall;
import io.kpool.pool.UnknownTaskException;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The seed's Pool sections with every pool worker and example a separate JVM, against a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class PoolServicesIT {
    private static final int PARTITIONS = 4;
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final Duration RESULT = Duration.ofSeconds(90);
    private static final Pattern DB_LINE = Pattern.compile("(http://127\\.0\\.0\\.1:(\\d+)(/\\S*)):(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PoolProcesses processes;
    private TestKafka kafka;
    private String group;

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
        processes = new PoolProcesses(kafka, "pool", PARTITIONS, PoolProcesses.CLASSIC_QUICK_FAILOVER);
        group = processes.group();
    }

    @AfterEach
    void tearDown() {
        processes.close();
    }

    private ServiceProcess worker(String name, Map<String, String> extraEnv, String... extraArgs) {
        return processes.worker(name, 4, extraEnv, extraArgs);
    }

    private ServiceProcess assignedWorker(String name, Map<String, String> extraEnv, String... extraArgs) {
        return PoolProcesses.assigned(worker(name, extraEnv, extraArgs), name, EXIT);
    }

    private ServiceProcess example(String... args) {
        return processes.start(args[0], "kpool.examples.jar", Map.of(), args);
    }

    private <T extends AutoCloseable> T track(T closeable) {
        return processes.track(closeable);
    }

    private Pool pool(String name) {
        return processes.pool(name);
    }

    /** @return records on the tasks topic not yet committed by the workers' group */
    private long uncommittedTasks() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(processes.tasksTopic(), p), p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> committed = kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        return kafka.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .mapToLong(e -> e.getValue().offset() - committed.getOrDefault(e.getKey(), 0L)).sum();
    }

    /** @return every result record on the callback topic, as JSON ({@code id}, {@code worker}, ...) */
    private List<JsonNode> resultsOnCallbackTopic() throws IOException {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<JsonNode> results = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(processes.callbackTopic(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    results.add(JSON.readTree(record.value()));
                }
            }
        }
        return results;
    }

    @Test
    void aWorkerKilledMidTaskLeavesItsUnfinishedTasksToAnotherAndEveryTaskGetsExactlyOneResult() throws Exception {
        ServiceProcess victim = assignedWorker("victim", Map.of());
        Pool pool = pool("main");
        List<AtomicInteger> callbacks = IntStream.range(0, 30).mapToObj(i -> new AtomicInteger()).toList();
        List<AsyncResult<Double>> results = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            AtomicInteger calls = callbacks.get(i);
            results.add(pool.applyAsync(TaskCall.of("sleep", 0.5).returning(Double.class), result -> calls.incrementAndGet(), null));
        }
        await().atMost(RESULT).until(() -> results.stream().filter(AsyncResult::ready).count() >= 8);

        victim.kill();
        ServiceProcess survivor = worker("survivor", Map.of());

        results.forEach(result -> assertThat(result.get(RESULT)).isEqualTo(0.5));
        await().atMost(RESULT).pollInterval(Duration.ofMillis(500)).until(() -> uncommittedTasks() == 0);
        // every result is now stored; one more task, answered on the same reply partition after all of them,
        // fences the client's reader: once it is here, any duplicate result has been read (and dropped) too
        assertThat(pool.apply(TaskCall.of("echo", "fence").returning(String.class))).isEqualTo("fence");
        assertThat(callbacks).as("callback runs per task").allSatisfy(calls -> assertThat(calls.get()).isEqualTo(1));
        assertThat(pool.pending()).isZero();

        Map<String, Set<String>> idsByWorker = resultsOnCallbackTopic().stream().collect(Collectors.groupingBy(
                r -> r.path("worker").asText(), Collectors.mapping(r -> r.path("id").asText(), Collectors.toSet())));
        Set<String> byVictim = idsByWorker.getOrDefault("victim", Set.of());
        Set<String> bySurvivor = idsByWorker.getOrDefault("survivor", Set.of());
        assertThat(idsByWorker.keySet()).containsOnly("victim", "survivor");
        assertThat(byVictim).as("the victim answered some tasks, then died mid-run").hasSizeBetween(8, 29);
        assertThat(union(byVictim, bySurvivor)).as("every task and the fence answered, by one worker or the other").hasSize(31);
        assertThat(survivor.isAlive()).isTrue();
    }

    @Test
    void aTaskLongerThanMaxPollIntervalFinishesOnceWithoutARebalance() throws Exception {
        ServiceProcess worker = assignedWorker("patient", Map.of("KAFKA_MAX_POLL_INTERVAL_MS", "10000"));
        Pool pool = pool("main");

        AsyncResult<Double> slow = pool.applyAsync(TaskCall.of("sleep", 25).returning(Double.class));

        assertThat(slow.get(RESULT)).isEqualTo(25.0);
        assertThat(worker.lines()).as("no rebalance while the task ran")
                .noneMatch(line -> line.contains("handed back partitions") || line.contains("lost partitions"))
                .filteredOn(line -> line.contains("patient was assigned partitions")).hasSize(1);
        worker.terminate();
        assertThat(worker.waitForExit(EXIT)).isZero();
        assertThat(worker.lines()).as("the task ran once").anyMatch(line -> line.contains("patient stopped after 1 task(s)"));
        assertThat(resultsOnCallbackTopic()).hasSize(1);
    }

    @Test
    void sigtermWhileATaskRunsLetsItFinishDeliversItsResultAndExitsZero() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer slowSite = slowSite(requested, release);
        String url = "http://127.0.0.1:" + slowSite.getAddress().getPort() + "/slow";
        ServiceProcess worker = assignedWorker("stopping", Map.of(), "--grace", "PT30S", "--tasks", "http.get");
        Pool pool = pool("main");

        AsyncResult<Map<String, Object>> page = pool.applyAsync(TaskCall.of("http.get", url)
                .returning(new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
        assertThat(requested.await(60, TimeUnit.SECONDS)).as("the task is running on the worker").isTrue();
        worker.terminate();
        await().atMost(EXIT).until(() -> worker.hasLine(line -> line.contains("stopping received a stop signal")));
        assertThat(page.ready()).isFalse();
        release.countDown();

        assertThat(page.get(RESULT)).containsEntry("url", url).containsEntry("status", 200).containsEntry("text", "done");
        assertThat(worker.waitForExit(Duration.ofSeconds(30))).isZero();
        assertThat(worker.lines()).anyMatch(line -> line.contains("stopping stopped after 1 task(s)"));
    }

    @Test
    void aWorkerWithoutTasksRunsTheDefaultTasksButRefusesHttpGetWithoutFetchingAnything() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        HttpServer site = slowSite(requested, new CountDownLatch(0));
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/slow";
        assignedWorker("default", Map.of());
        Pool pool = pool("main");

        assertThat(pool.apply(TaskCall.of("square", 7).returning(Integer.class))).isEqualTo(49);
        AsyncResult<Object> page = pool.applyAsync(TaskCall.of("http.get", url));
        assertThatThrownBy(() -> page.get(RESULT)).isInstanceOfSatisfying(RemoteTaskException.class, e -> {
            assertThat(e.remoteType()).isEqualTo(UnknownTaskException.class.getName());
            assertThat(e.remoteMessage()).contains("'http.get'");
        });
        assertThat(requested.getCount()).as("the worker fetched nothing").isEqualTo(1);
        assertThat(pool.apply(TaskCall.of("echo", "still here").returning(String.class))).isEqualTo("still here");
    }

    @Test
    void aWorkerAskedForATaskNobodyInstalledExitsWithCode2NamingItAndTheInstalledTasks() throws Exception {
        ServiceProcess worker = worker("confused", Map.of(), "--tasks", "square,cube");

        assertThat(worker.waitForExit(EXIT)).isEqualTo(2);
        assertThat(worker.lines()).anyMatch(line -> line.startsWith("Configuration error: Unknown task(s) 'cube'")
                && line.contains("installed: [echo, fail, flaky, http.get (only when selected by name), sleep, square]"));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** A web server whose one page answers only once released: a task that visibly runs until we say so. */
    private HttpServer slowSite(CountDownLatch requested, CountDownLatch release) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/slow", exchange -> {
                try (exchange) {
                    requested.countDown();
                    boolean released = release.await(60, TimeUnit.SECONDS);
                    byte[] body = (released ? "done" : "never released").getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
            track(() -> server.stop(0));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void poolApplyExamplesPrintTheSeedsSquaresInOrder() throws Exception {
        assignedWorker("w1", Map.of());
        List<String> squares = IntStream.range(0, 10).mapToObj(i -> Integer.toString(i * i)).toList();

        for (String example : List.of("pool-apply", "pool-apply-async")) {
            ServiceProcess process = example(example);
            assertThat(process.waitForExit(EXIT)).as(example + " exit code").isZero();
            assertThat(process.lines().stream().filter(line -> line.matches("\\d+")).toList()).as(example).isEqualTo(squares);
        }
    }

    @Test
    void crawlerExampleWritesUrlAndLengthOfEveryLocalPageToDbTxtAndReportsTheUnreachableUrl(@TempDir Path dir) throws Exception {
        assignedWorker("w1", Map.of(), "--tasks", "square,sleep,echo,fail,http.get");
        Path db = dir.resolve("db.txt");

        ServiceProcess crawler = example("crawler", "--db-file", db.toString());

        assertThat(crawler.waitForExit(EXIT)).isZero();
        Map<String, Integer> written = new LinkedHashMap<>();
        List<String> ports = new ArrayList<>();
        for (String line : Files.readAllLines(db, StandardCharsets.UTF_8)) {
            Matcher matcher = DB_LINE.matcher(line);
            assertThat(matcher.matches()).as("db.txt line '%s' is url:length", line).isTrue();
            ports.add(matcher.group(2));
            written.put(matcher.group(3), Integer.parseInt(matcher.group(4)));
            assertThat(crawler.lines()).as("parse ran for " + matcher.group(1)).anyMatch(out -> out.endsWith(" PARSE " + matcher.group(1)));
        }
        Map<String, Integer> served = new LinkedHashMap<>();
        LocalSite.pages().forEach((path, html) -> served.put(path, html.length()));
        assertThat(written).as("one line per page, with its length").containsExactlyInAnyOrderEntriesOf(served);
        assertThat(ports).as("all from the one local site").hasSize(served.size()).containsOnly(ports.get(0));
        assertThat(crawler.lines()).anyMatch(line -> line.matches("\\d+ FAILED http://127\\.0\\.0\\.1:\\d+/offline: .*ConnectException.*"))
                .anyMatch(line -> line.contains("-- crawled 6 URL(s): 5 parsed into " + db + ", 1 failed"));
    }
}
