package io.kpool.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kafka-local} as a real process: its exit codes and the lines it prints. */
class KafkaLocalMainTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern READY = Pattern.compile(
            "kafka-local ready on localhost:(\\d+) \\(data: (.+), cluster id (\\S+)\\)");

    @Test
    void exitsNonZeroWithOneClearLineWhenThePortIsTaken(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("localhost", 0));
            int port = taken.getLocalPort();

            KafkaLocalProcess process = KafkaLocalProcess.start(dir.resolve("out.log"),
                    "--port", Integer.toString(port), "--data-dir", dir.resolve("data").toString());

            assertThat(process.awaitExit(TIMEOUT)).isEqualTo(1);
            assertThat(process.lines()).containsExactly("kafka-local: cannot start: port " + port
                    + " on localhost is already in use (choose another with --port)");
        }
    }

    @Test
    void logsOneReadyLineThenStopsCleanlyWithExitCodeZeroOnSigterm(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        KafkaLocalProcess process = KafkaLocalProcess.start(dir.resolve("out.log"),
                "--port", "0", "--data-dir", dataDir.toString());
        try {
            Awaitility.await().atMost(TIMEOUT).until(() -> process.output().contains("kafka-local ready on"));
            Matcher ready = READY.matcher(process.output());
            assertThat(ready.find()).as("ready line in %s", process.output()).isTrue();
            assertThat(ready.group(2)).isEqualTo(dataDir.toAbsolutePath().toString());
            RoundTrip.produce("localhost:" + ready.group(1), "main-check", "k", "hello");

            process.terminate();

            assertThat(process.awaitExit(TIMEOUT)).isZero();
            assertThat(process.lines()).filteredOn(line -> line.contains("kafka-local")).hasSize(2)
                    .last().asString().endsWith("kafka-local stopped");
            assertThat(process.output()).doesNotContain("Exception");
        } finally {
            process.kill();
        }
    }

    @Test
    void printsHelpWithTheMemoryAdviceAndExitsZero(@TempDir Path dir) throws IOException, InterruptedException {
        KafkaLocalProcess process = KafkaLocalProcess.start(dir.resolve("out.log"), "--help");

        assertThat(process.awaitExit(TIMEOUT)).isZero();
        assertThat(process.output()).contains("Usage: kafka-local", "--port=PORT", "--controller-port=PORT",
                "--host=HOST", "--data-dir=DIR", "--brokers=N", "--node=ID", "--version", "-Xmx512m",
                "min.insync.replicas=2");
    }
}
