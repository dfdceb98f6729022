package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.dict.SharedDict;
import io.kpool.dict.SharedDictOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared dict across a broker SIGKILL and restart: processes decrementing a counter with {@code incrementBy}
 * and others decrementing it under the shared lock (read, then a fenced put) all finish, and the count is exact:
 * every decrement counted once, and no two lock holders ever overlapped (an overlap would lose a decrement).
 * The lease (60 s here) outlasts the broker's absence, so the holder keeps its lock through the restart. (The two
 * counters are separate keys: a put under the lock would overwrite lockless increments of its key made meanwhile.)
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DictBrokerRestartIT {
    private static final Duration EXIT = Duration.ofSeconds(150);
    private static final int INCREMENTS = 40_000;
    private static final int LOCKED = 300;
    private static final long INITIAL = 100;

    @Test
    void everyDecrementCountsOnceAndTheLockStaysExclusiveAcrossABrokerRestart(@TempDir Path dataDir) throws Exception {
        BrokerFaults.assumeNotOnDockerStage();
        int port = BrokerProcess.freePorts(1);
        List<ServiceProcess> processes = new ArrayList<>();
        try (BrokerProcess broker = BrokerProcess.start("broker", dataDir, port);
             ProcessKafka kafka = new ProcessKafka("localhost:" + port)) {
            long start = System.nanoTime();
            String dict = kafka.uniqueName("restart");
            Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KPOOL_DICT_LOCK_LEASE_MS", "60000");
            for (String name : List.of("inc-1", "inc-2")) {
                processes.add(ServiceProcess.start(name, "kpool.examples.jar", env, "shared-count", "--dict", dict, "--name", name,
                        "--decrements", Integer.toString(INCREMENTS), "--mode", "increment"));
            }
            for (String name : List.of("lock-1", "lock-2")) {
                processes.add(ServiceProcess.start(name, "kpool.examples.jar", env, "shared-count", "--dict", dict, "--name", name,
                        "--decrements", Integer.toString(LOCKED), "--mode", "lock", "--key", "locked"));
            }
            await().atMost(EXIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> RawKafka.endOffsets(kafka, "kpool.dict." + dict, 1).values().iterator().next() >= 4_000);
            long unfinished = processes.stream().filter(ServiceProcess::isAlive).count();

            broker.kill();
            broker.restart();

            for (ServiceProcess process : processes) {
                assertThat(process.waitForExit(EXIT)).as("exit code of a shared-count process").isZero();
            }
            long count;
            long locked;
            try (SharedDict d = SharedDict.open(SharedDictOptions.builder().bootstrapServers(kafka.bootstrapServers()).build(),
                    dict, Map.of())) {
                d.sync();
                count = d.get("count", Long.class).orElseThrow();
                locked = d.get("locked", Long.class).orElseThrow();
            }
            long counted = INITIAL - count + INITIAL - locked;
            long decrements = 2L * INCREMENTS + 2L * LOCKED;
            System.out.println(String.format(Locale.ROOT, "FAULT MATRIX | dict: broker SIGKILL + restart | decrements %d"
                    + " (incrementBy %d, under the lock %d) | counted %d | lost %d | counted twice %d | processes running at the kill %d | %.1f s",
                    decrements, 2 * INCREMENTS, 2 * LOCKED, counted, Math.max(0, decrements - counted),
                    Math.max(0, counted - decrements), unfinished, (System.nanoTime() - start) / 1e9));
            assertThat(unfinished).as("shared-count processes still running at the kill").isPositive();
            assertThat(count).as("the incrementBy counter after every decrement").isEqualTo(INITIAL - 2L * INCREMENTS);
            assertThat(locked).as("the counter decremented under the lock: an overlap of holders would lose one")
                    .isEqualTo(INITIAL - 2L * LOCKED);
        } finally {
            processes.forEach(ServiceProcess::close);
        }
    }
}
