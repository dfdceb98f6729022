package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A wrong bootstrap server (nothing listens there): every service and command fails with one clear line,
 * exit code 1, no stack trace and none of Kafka's per-reconnect WARNs, within the time its line states plus
 * {@link #SLACK}.
 */
class UnreachableBrokerIT {
    /** What a JVM start, a busy machine and closing the clients may add to a stated timeout. */
    private static final Duration SLACK = Duration.ofSeconds(15);

    private record Run(String label, String jarProperty, int statedSeconds, String[] args) {
    }

    @Test
    @Timeout(180)
    void everyServiceFailsWithOneClearLineWithinItsStatedTime() throws Exception {
        String nowhere = "127.0.0.1:" + closedPort();
        List<Run> runs = List.of( // shortest stated time first: each is waited for in turn, its time counted from the start
                new Run("kpool inspect lag", "kpool.cli.jar", 15, new String[] {"inspect", "lag"}),
                new Run("pool-worker", "kpool.pool-worker.jar", 30, new String[] {"--name", "w1"}),
                new Run("consumer-app", "kpool.consumer.jar", 30, new String[] {"--name", "alex", "--topic", "food"}),
                new Run("producer-app", "kpool.producer.jar", 30,
                        new String[] {"produce", "--food", "包子", "--count", "1", "--topic", "food", "--join"}),
                new Run("pool-apply", "kpool.examples.jar", 30, new String[] {"pool-apply"}));
        List<ServiceProcess> processes = new ArrayList<>();
        long started = System.nanoTime();
        for (Run run : runs) {
            processes.add(ServiceProcess.start(run.label(), run.jarProperty(), Map.of("KAFKA_BOOTSTRAP_SERVERS", nowhere), run.args()));
        }
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            ServiceProcess process = processes.get(i);
            int code = process.waitForExit(Duration.ofSeconds(run.statedSeconds()).plus(SLACK).plusSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            List<String> lines = process.lines();
            System.out.printf("UNREACHABLE BROKER | %s | exit %d | %.1f s | %d line(s) | %s%n", run.label(), code,
                    took.toMillis() / 1000.0, lines.size(), lines.isEmpty() ? "" : lines.get(lines.size() - 1));
            assertThat(code).as(run.label() + " exit code").isEqualTo(1);
            assertThat(lines.get(lines.size() - 1)).as(run.label() + "'s last line")
                    .contains("failed: ").contains("no answer from the broker in " + run.statedSeconds() + " s")
                    .contains("bootstrap.servers");
            assertThat(lines).as(run.label() + "'s output").hasSizeLessThanOrEqualTo(2) // producer-app says what it starts
                    .noneMatch(line -> line.contains("WARN") || line.contains("ERROR") || line.startsWith("\tat "));
            assertThat(took).as(run.label() + " failed within its stated time")
                    .isLessThan(Duration.ofSeconds(run.statedSeconds()).plus(SLACK));
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again at once: a connection there is refused
        }
    }
}
