package io.kpool.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The services as containers, the way {@code docker compose -f docker/compose.yaml up} runs them: the seed's
 * scenario end to end; a consumer group, and a pool of workers, each scaled up and then losing a container to
 * SIGKILL mid-run without losing an item or a result; and SIGTERM stopping a survivor cleanly. Needs Docker,
 * compose (v2 or v1) and the images of {@code docker/build-images.sh}; the Kafka image is
 * {@code -Dkpool.kafka.image} (default apache/kafka). Each test runs its own compose project and writes its
 * containers' logs to {@code target/compose-logs}.
 */
@EnabledIfSystemProperty(named = "kpool.docker.tests", matches = "true",
        disabledReason = "needs Docker and the kpool images: run docker/build-images.sh, then -Dkpool.docker.tests=true")
class ComposeIT {
    private static final Pattern ATE = Pattern.compile("INFO\\s+\\S+ ate (.+)$");
    private static final Pattern ASSIGNED_SOME = Pattern.compile("was assigned partitions \\[\\d");
    private static final List<String> SEED_FOODS = List.of("包子", "泔水", "骨头");
    private static final Duration RUN = Duration.ofMinutes(3);
    private static final String TOPIC = "food";
    private static final String GROUP = "eaters";
    private static final List<String> QUEUE_IMAGES = List.of("kpool/consumer-app:latest", "kpool/producer-app:latest");

    private final List<ComposeProject> projects = new ArrayList<>();
    private int kafkaPort;

    @BeforeAll
    static void pollCalmly() {
        Awaitility.setDefaultPollInterval(Duration.ofMillis(500)); // each poll runs `docker logs` or `docker inspect`
    }

    @BeforeEach
    void pickThePort() throws IOException {
        kafkaPort = freePort();
    }

    @AfterEach
    void removeProjects() {
        projects.forEach(ComposeProject::close);
    }

    /** A new compose project on the test's Kafka port; {@code extraEnv} are further NAME, VALUE pairs. */
    private ComposeProject compose(List<String> images, String... extraEnv) {
        String kafkaImage = System.getProperty("kpool.kafka.image", "apache/kafka:4.4.0");
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_IMAGE", kafkaImage, "KAFKA_HOST_PORT", Integer.toString(kafkaPort),
                "CONSUMER_DELAY_MS", "100"));
        for (int i = 0; i + 1 < extraEnv.length; i += 2) {
            env.put(extraEnv[i], extraEnv[i + 1]);
        }
        ComposeProject project = new ComposeProject(Path.of(System.getProperty("kpool.compose.file")), env, logDirectory());
        projects.add(project);
        List<String> inspect = new ArrayList<>(List.of("image", "inspect", "-f", "{{.Id}}", kafkaImage));
        inspect.addAll(images);
        Cli.Result found = project.docker(inspect.toArray(String[]::new));
        assertThat(found.exitCode()).as("images missing; docker/build-images.sh builds them:%n%s", found.output()).isZero();
        return project;
    }

    @Test
    void composeUpRunsTheSeedScenarioTwoConsumersEatEveryItemOnceAndExitOnThePills() {
        ComposeProject project = compose(QUEUE_IMAGES);
        project.up(); // kafka, consumer-app ×2, producer-1..3 (10 items each, --join), then pills

        List<String> consumers = project.containers("consumer-app");
        assertThat(consumers).hasSize(2);
        await().atMost(RUN).until(() -> consumers.stream().allMatch(c -> project.state(c).startsWith("exited")));
        for (String service : List.of("producer-1", "producer-2", "producer-3", "pills")) {
            assertThat(project.containers(service)).singleElement().satisfies(c -> assertThat(project.state(c)).isEqualTo("exited 0"));
        }
        assertThat(consumers).allSatisfy(c -> assertThat(project.state(c)).isEqualTo("exited 0"));
        List<String> seedItems = SEED_FOODS.stream().flatMap(food -> items(food, 10).stream()).toList();
        assertThat(eaten(project, consumers)).containsExactlyInAnyOrderElementsOf(seedItems);
    }

    @Test
    void aConsumerGroupScaledUpThatLosesAContainerToSigkillMidRunLosesNothing() throws Exception {
        int count = 600;
        ComposeProject project = compose(QUEUE_IMAGES);
        project.up("kafka", "consumer-app");
        List<String> original = project.containers("consumer-app");
        assertThat(original).hasSize(2);
        awaitHealthy(project, original);
        Process producer = project.startRun(logFile(project, "producer"), "producer-app", "produce", "--name", "producer-骨头",
                "--food", "骨头", "--count", Integer.toString(count), "--join", "--join-timeout", "PT3M");
        await().atMost(RUN).until(() -> eaten(project, original).size() >= 60);

        project.up("--no-recreate", "--scale", "consumer-app=3", "consumer-app");
        List<String> added = new ArrayList<>(project.containers("consumer-app"));
        added.removeAll(original);
        assertThat(added).hasSize(1);
        await().atMost(RUN).until(() -> eaten(project, added).size() >= 10);

        String victim = original.get(0);
        project.kill(victim);
        List<String> all = Stream.concat(original.stream(), added.stream()).toList();
        assertThat(eaten(project, all).size()).as("the kill comes mid-run").isLessThan(count);
        assertThat(project.state(victim)).isEqualTo("exited 137");

        assertThat(producer.waitFor(RUN.toSeconds(), TimeUnit.SECONDS)).as("the producer's join returns").isTrue();
        assertThat(producer.exitValue()).as("join: the group committed every item").isZero();
        assertThat(GroupProgress.uncommitted("localhost:" + kafkaPort, TOPIC, GROUP)).as("records beyond the commits").isZero();
        assertThat(eaten(project, all)).as("nothing lost").containsAll(items("骨头", count));

        String survivor = original.get(1);
        long stopStarted = System.nanoTime();
        project.stop(survivor, Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - stopStarted)).as("SIGTERM stops it within the grace period")
                .isLessThan(Duration.ofSeconds(20));
        assertThat(project.state(survivor)).isEqualTo("exited 0");
        assertThat(project.logs(survivor)).contains("left group");

        project.run("producer-app", "pills").orFail();
        await().atMost(RUN).until(() -> project.state(added.get(0)).equals("exited 0"));
    }

    @Test
    void aPoolScaledUpThatLosesAWorkerContainerToSigkillMidRunAnswersEveryTask() throws Exception {
        int count = 300;
        ComposeProject project = compose(List.of("kpool/pool-worker:latest"), "COMPOSE_PROFILES", "pool");
        project.up("--scale", "pool-worker=2", "kafka", "pool-worker");
        List<String> original = project.containers("pool-worker");
        assertThat(original).hasSize(2);
        await().atMost(RUN).until(() -> original.stream().allMatch(c -> ASSIGNED_SOME.matcher(project.logs(c)).find()));

        PoolClientOptions options = PoolClientOptions.builder().bootstrapServers("localhost:" + kafkaPort).clientId("compose-it").build();
        try (Pool pool = Pool.open(options)) {
            List<AsyncResult<Object>> squares = new ArrayList<>();
            List<AsyncResult<Object>> sleeps = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                squares.add(pool.applyAsync("square", i));
                sleeps.add(pool.applyAsync("sleep", 0.5));
            }
            await().atMost(RUN).until(() -> ready(sleeps) >= 30);

            project.up("--no-recreate", "--scale", "pool-worker=3", "pool-worker");
            List<String> added = new ArrayList<>(project.containers("pool-worker"));
            added.removeAll(original);
            assertThat(added).hasSize(1);
            await().atMost(RUN).until(() -> ASSIGNED_SOME.matcher(project.logs(added.get(0))).find());

            project.kill(original.get(0));
            assertThat(ready(sleeps)).as("the kill comes mid-run").isLessThan(count);
            for (int i = 0; i < count; i++) {
                assertThat(((Number) squares.get(i).get(RUN)).longValue()).as("square(%d)", i).isEqualTo((long) i * i);
                assertThat(sleeps.get(i).get(RUN)).as("sleep #%d", i).isEqualTo(0.5);
            }
        }
        String survivor = original.get(1);
        project.stop(survivor, Duration.ofSeconds(40));
        assertThat(project.state(survivor)).as("SIGTERM stops a pool worker cleanly").isEqualTo("exited 0");
    }

    private static long ready(List<AsyncResult<Object>> results) {
        return results.stream().filter(AsyncResult::ready).count();
    }

    private static void awaitHealthy(ComposeProject project, List<String> containers) {
        await().atMost(RUN).until(() -> containers.stream().allMatch(c -> project.health(c).equals("healthy")));
    }

    private static List<String> eaten(ComposeProject project, List<String> containers) {
        List<String> items = new ArrayList<>();
        for (String container : containers) {
            for (String line : project.logs(container).split("\n")) {
                Matcher matcher = ATE.matcher(line);
                if (matcher.find()) {
                    items.add(matcher.group(1));
                }
            }
        }
        return items;
    }

    private static List<String> items(String food, int count) {
        return IntStream.range(0, count).mapToObj(i -> food + i).toList();
    }

    private static Path logFile(ComposeProject project, String label) throws IOException {
        return Files.createDirectories(logDirectory()).resolve(project.name() + "-" + label + ".log");
    }

    private static Path logDirectory() {
        return Path.of(System.getProperty("kpool.compose.logs", "target/compose-logs"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
