package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.TaskCall;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/** What an operator sees of a running pool-worker: its task log lines, its Prometheus scrape, its health endpoints. */
@ExtendWith(KafkaBrokerExtension.class)
class ObservabilityIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern DATED = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<AutoCloseable> opened = new ArrayList<>();
    private TestKafka kafka;
    private String tasksTopic;
    private String callbackTopic;
    private Map<String, String> env;

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
        tasksTopic = kafka.createTopic("tasks", 4);
        callbackTopic = kafka.createTopic("callbacks", 4);
        env = new HashMap<>(Map.of("KPOOL_POOL_TASKS_TOPIC", tasksTopic, "KPOOL_POOL_CALLBACK_TOPIC", callbackTopic,
                "KPOOL_POOL_GROUP", kafka.uniqueName("workers"), "KAFKA_SESSION_TIMEOUT_MS", "6000",
                "KAFKA_HEARTBEAT_INTERVAL_MS", "1000"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : opened) {
            if (closeable instanceof Pool pool) {
                pool.terminate();
            } else {
                closeable.close();
            }
        }
    }

    @Test
    void aScrapeOfARunningWorkerCountsAKnownWorkloadExactlyAndItsLogHasOneLinePerTask() throws Exception {
        int port = freePort();
        Map<String, String> workerEnv = new HashMap<>(env);
        workerEnv.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        workerEnv.put("KPOOL_LOG_LEVEL", "DEBUG");
        ServiceProcess worker = track(ServiceProcess.start("observed", "kpool.pool-worker.jar", workerEnv,
                "--name", "observed", "--processes", "1", "--metrics-port", Integer.toString(port)));
        await().atMost(WAIT).until(() -> status(port, "/health/ready") == 200);
        assertThat(status(port, "/health/live")).isEqualTo(200);
        Pool pool = track(Pool.open(PoolClientOptions.builder().bootstrapServers(kafka.bootstrapServers()).tasksTopic(tasksTopic)
                .callbackTopic(callbackTopic).clientId("observer").build()));

        List<AsyncResult<Object>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.applyAsync("square", i));
        }
        MDC.put("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01"); // as a tracing library leaves it
        try {
            for (int i = 0; i < 5; i++) {
                results.add(pool.applyAsync("fail"));
            }
        } finally {
            MDC.remove("traceparent");
        }
        results.forEach(result -> result.waitFor(WAIT));
        AsyncResult<Object> sleeping = pool.applyAsync("sleep", 1.5);
        await().atMost(WAIT).until(() -> metric(port, "kpool_task_received_total{service=\"pool-worker\",task=\"sleep\"}") == 1);
        List<AsyncResult<Object>> late = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // the worker's one thread sleeps 1.5 s: these expire before it is free
            late.add(pool.applyAsync(TaskCall.of("square", 100 + i).expires(Duration.ofMillis(300))));
        }
        late.forEach(result -> result.waitFor(WAIT));
        assertThat(sleeping.waitFor(WAIT)).isTrue();

        assertThat(metric(port, "kpool_task_received_total{service=\"pool-worker\",task=\"square\"}")).isEqualTo(23);
        assertThat(metric(port, "kpool_task_succeeded_total{service=\"pool-worker\",task=\"square\"}")).isEqualTo(20);
        assertThat(metric(port, "kpool_task_expired_total{service=\"pool-worker\",task=\"square\"}")).isEqualTo(3);
        assertThat(metric(port, "kpool_task_received_total{service=\"pool-worker\",task=\"fail\"}")).isEqualTo(5);
        assertThat(metric(port, "kpool_task_failed_total{exception=\"IllegalStateException\",service=\"pool-worker\",task=\"fail\"}"))
                .isEqualTo(5);
        assertThat(metric(port, "kpool_task_duration_seconds_count{exception=\"none\",result=\"success\",service=\"pool-worker\","
                + "task=\"square\"}")).isEqualTo(20);
        assertThat(metric(port, "kpool_task_duration_seconds_count{exception=\"IllegalStateException\",result=\"failure\","
                + "service=\"pool-worker\",task=\"fail\"}")).isEqualTo(5);
        assertThat(metric(port, "kpool_task_duration_seconds_sum{exception=\"none\",result=\"success\",service=\"pool-worker\","
                + "task=\"sleep\"}")).isBetween(1.5, 10.0);
        assertThat(metric(port, "kpool_tasks_in_flight{service=\"pool-worker\",worker=\"observed\"}")).isEqualTo(0);
        assertThat(metric(port, "kpool_partitions_assigned{group=\"" + env.get("KPOOL_POOL_GROUP") + "\",service=\"pool-worker\","
                + "topic=\"" + tasksTopic + "\"}")).isEqualTo(4);
        String scrape = get(port, "/metrics").body();
        assertThat(scrape).contains("jvm_memory_used_bytes{", "kafka_consumer_connection_count{", "kafka_producer_record_send_total{");

        assertThat(worker.lines()).filteredOn(line -> line.contains("INFO  Task fail[observer-") && line.contains(" failed in ")
                && line.contains("java.lang.IllegalStateException: failed on purpose [kpool.client=observer, kpool.task.id=observer-"))
                .hasSize(5).allMatch(line -> DATED.matcher(line).matches())
                .allMatch(line -> line.matches(".*traceparent=00-" + TRACE_ID + "-[0-9a-f]{16}-01.*"));
        assertThat(tracedResults()).as("result records carrying the caller's trace (quick tasks may share one)").isPositive();
        assertThat(worker.lines()).filteredOn(line -> line.contains("DEBUG Task square[observer-") && line.contains(" succeeded in "))
                .hasSize(20);
        assertThat(worker.lines()).filteredOn(line -> line.contains("INFO  Task square[observer-") && line.contains(" expired: "))
                .hasSize(3);
    }

    @Test
    void readinessGoesDownWhenTheBrokerStopsAndUpWhenItReturnsWhileLivenessStaysUp(@TempDir Path dataDir) throws Exception {
        String brokerPort = Integer.toString(freePort());
        ServiceProcess broker = startBroker("broker", brokerPort, dataDir);
        int port = freePort();
        Map<String, String> workerEnv = new HashMap<>(env);
        workerEnv.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + brokerPort);
        workerEnv.put("KPOOL_LOG_FORMAT", "json");
        workerEnv.put("KPOOL_METRICS_PORT", Integer.toString(port));
        ServiceProcess worker = track(ServiceProcess.start("ready", "kpool.pool-worker.jar", workerEnv, "--name", "ready",
                "--processes", "1"));
        await().atMost(WAIT).until(() -> status(port, "/health/ready") == 200);
        assertThat(worker.lines()).filteredOn(line -> line.startsWith("{")).map(ObservabilityIT::json)
                .anyMatch(line -> line.path("formattedMessage").asText().contains("ready started: 1 process(es)")
                        && line.path("level").asText().equals("INFO"));

        broker.terminate();
        assertThat(broker.waitForExit(WAIT)).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(port, "/health/ready") == 503);
        assertThat(status(port, "/health/live")).isEqualTo(200);

        startBroker("restarted", brokerPort, dataDir);
        await().atMost(WAIT).until(() -> status(port, "/health/ready") == 200);
        assertThat(worker.isAlive()).isTrue();
    }

    @Test
    void anUnknownLogFormatStopsTheServiceWithExitCodeTwo() throws Exception {
        Map<String, String> workerEnv = new HashMap<>(env);
        workerEnv.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        workerEnv.put("KPOOL_LOG_FORMAT", "xml");
        ServiceProcess worker = track(ServiceProcess.start("bad-format", "kpool.pool-worker.jar", workerEnv, "--processes", "1"));

        assertThat(worker.waitForExit(WAIT)).isEqualTo(2);
        assertThat(worker.lines()).anyMatch(line -> line.contains("KPOOL_LOG_FORMAT must be 'text' or 'json', got 'xml'"));
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }

    /** @return result records on the callback topic whose traceparent header is in {@link #TRACE_ID}'s trace */
    private long tracedResults() {
        Map<String, Object> props = kafka.clientProperties();
        long traced = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, 4).mapToObj(p -> new TopicPartition(callbackTopic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header header = record.headers().lastHeader("traceparent");
                    if (header != null && new String(header.value(), StandardCharsets.UTF_8).startsWith("00-" + TRACE_ID + "-")) {
                        traced++;
                    }
                }
            }
        }
        return traced;
    }

    private ServiceProcess startBroker(String label, String port, Path dataDir) {
        ServiceProcess broker = track(ServiceProcess.start(label, "kpool.kafka-local.jar", Map.of(), "--port", port,
                "--data-dir", dataDir.toString()));
        await().atMost(WAIT).until(() -> broker.hasLine(line -> line.contains("kafka-local ready on")));
        return broker;
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** @return the value of one sample of the scrape; -1 if it is not there */
    private static double metric(int port, String sample) throws Exception {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(get(port, "/metrics").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }

    private static int status(int port, String path) {
        try {
            return get(port, path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
