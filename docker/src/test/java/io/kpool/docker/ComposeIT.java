package io.kpool.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * scenario end to end, and a consumer group that is scaled up and loses a container to SIGKILL mid-run without
 * losing an item. Needs Docker, compose (v2 or v1) and the images of {@code docker/build-images.sh}; the Kafka
 * image is {@code -Dkpool.kafka.image} (default apache/kafka). Each test runs its own compose project.
 */
@EnabledIfSystemProperty(named = "kpool.docker.tests", matches = "true",
        disabledReason = "needs Docker and the kpool images: run docker/build-images.sh, then -Dkpool.docker.tests=true")
class ComposeIT {
    private static final Pattern ATE = Pattern.compile("INFO\\s+\\S+ ate (.+)$");
    private static final List<String> SEED_FOODS = List.of("包子", "泔水", "骨头");
    private static final Duration RUN = Duration.ofMinutes(3);
    private static final String TOPIC = "food";
    private static final String GROUP = "eaters";

    private ComposeProject project;
    private int kafkaPort;

    @BeforeAll
    static void pollCalmly() {
        Awaitility.setDefaultPollInterval(Duration.ofMillis(500)); // each poll runs `docker logs` or `docker inspect`
    }

    @BeforeEach
    void createProject() throws IOException {
        kafkaPort = freePort();
        String kafkaImage = System.getProperty("kpool.kafka.image", "apache/kafka:4.4.0");
        project = new ComposeProject(Path.of(System.getProperty("kpool.compose.file")),
                Map.of("KAFKA_IMAGE", kafkaImage, "KAFKA_HOST_PORT", Integer.toString(kafkaPort), "CONSUMER_DELAY_MS", "100"),
                logDirectory());
        Cli.Result images = project.docker("image", "inspect", "-f", "{{.Id}}", kafkaImage, "kpool/consumer-app:latest",
                "kpool/producer-app:latest");
        assertThat(images.exitCode()).as("images missing; docker/build-images.sh builds them:%n%s", images.output()).isZero();
    }

    @AfterEach
    void removeProject() {
        project.close();
    }

    @Test
    void composeUpRunsTheSeedScenarioTwoConsumersEatEveryItemOnceAndExitOnThePills() {
        project.up(); // kafka, consumer-app ×2, producer-1..3 (10 items each, --join), then pills

        List<String> consumers = project.containers("consumer-app");
        assertThat(consumers).hasSize(2);
        await().atMost(RUN).until(() -> consumers.stream().allMatch(c -> project.state(c).startsWith("exited")));
        for (String service : List.of("producer-1", "producer-2", "producer-3", "pills")) {
            assertThat(project.containers(service)).singleElement().satisfies(c -> assertThat(project.state(c)).isEqualTo("exited 0"));
        }
        assertThat(consumers).allSatisfy(c -> assertThat(project.state(c)).isEqualTo("exited 0"));
        List<String> seedItems = SEED_FOODS.stream().flatMap(food -> items(food, 10).stream()).toList();
        assertThat(eaten(consumers)).containsExactlyInAnyOrderElementsOf(seedItems);
    }

    @Test
    void aConsumerGroupScaledUpThatLosesAContainerToSigkillMidRunLosesNothing() throws Exception {
        int count = 600;
        project.up("kafka", "consumer-app");
        List<String> original = project.containers("consumer-app");
        assertThat(original).hasSize(2);
        awaitHealthy(original);
        Process producer = project.startRun(logFile("producer"), "producer-app", "produce", "--name", "producer-骨头",
                "--food", "骨头", "--count", Integer.toString(count), "--join", "--join-timeout", "PT3M");
        await().atMost(RUN).until(() -> eaten(original).size() >= 60);

        project.up("--no-recreate", "--scale", "consumer-app=3", "consumer-app");
        List<String> added = new ArrayList<>(project.containers("consumer-app"));
        added.removeAll(original);
        assertThat(added).hasSize(1);
        await().atMost(RUN).until(() -> eaten(added).size() >= 10);

        String victim = original.get(0);
        project.kill(victim);
        List<String> all = Stream.concat(original.stream(), added.stream()).toList();
        assertThat(eaten(all).size()).as("the kill comes mid-run").isLessThan(count);
        assertThat(project.state(victim)).isEqualTo("exited 137");

        assertThat(producer.waitFor(RUN.toSeconds(), TimeUnit.SECONDS)).as("the producer's join returns").isTrue();
        assertThat(producer.exitValue()).as("join: the group committed every item").isZero();
        assertThat(GroupProgress.uncommitted("localhost:" + kafkaPort, TOPIC, GROUP)).as("records beyond the commits").isZero();
        assertThat(eaten(all)).as("nothing lost").containsAll(items("骨头", count));

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

    private void awaitHealthy(List<String> containers) {
        await().atMost(RUN).until(() -> containers.stream().allMatch(c -> project.health(c).equals("healthy")));
    }

    private List<String> eaten(List<String> containers) {
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

    private Path logFile(String label) throws IOException {
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
