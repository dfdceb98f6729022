package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's disk fills up while a client's tasks run, then is freed: the broker's log directory is a small
 * tmpfs, and a filler file takes its last byte. Kafka cannot append, takes the log directory offline and, as it
 * was the only one (with the metadata log on it), halts; once the filler is deleted the broker is started again
 * on its data. The client and the workers ride it out: nothing lost, nothing delivered twice, work resumes. A task
 * runs at most once per record that carries it: a write the failing disk answered with {@code UnknownServerException}
 * may have been stored all the same, and the client sends it again (before the workers skipped such copies, a CI run
 * saw one task of 160 run twice); a worker's answer sent again the same way is stored twice, one execution (seen
 * locally: 2 of 160).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BrokerDiskFullIT {
    private static final String SIZE = "96m";

    @Test
    void aFullDiskStopsTheBrokerAndOnceFreedWorkResumesWithNothingLost(@TempDir Path dir) throws Exception {
        BrokerFaults.assumeNotOnDockerStage();
        Path logDir = dir.resolve("tmpfs");
        Files.createDirectories(logDir);
        String refusal = run("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", logDir.toString());
        assumeTrue(refusal == null, "a disk of its own needs 'mount -t tmpfs' (root in CI), which was refused here: " + refusal);
        Path filler = logDir.resolve("filler");
        int port = BrokerProcess.freePorts(1);
        try (BrokerProcess broker = BrokerProcess.start("broker", logDir.resolve("data"), port);
             ProcessKafka kafka = new ProcessKafka("localhost:" + port);
             PoolFaultRun run = new PoolFaultRun(kafka, 4)) {
            run.worker("w1");
            run.worker("w2");
            run.submit(120, 0.2);
            run.awaitResults(10);
            long inFlight = run.pending();

            long filled = fill(filler);
            run.submit(20, 0.2);
            await().atMost(Duration.ofSeconds(60)).until(() -> !broker.isAlive());
            Files.delete(filler);
            broker.restart();
            run.submit(20, 0.2);

            CallbackResults topic = run.settle();

            BrokerFaultFigures figures = run.figures("disk full (filler " + filled / (1024 * 1024) + " MiB), freed, broker restarted",
                    topic, 1, inFlight);
            String halt = broker.lines().stream().filter(line -> line.contains("because all log dirs")).findFirst()
                    .orElse("(no line about it)");
            System.out.println("FAULT MATRIX | disk full | the broker stopped: " + halt);
            TaskRecords tasks = TaskRecords.read(kafka, run.tasksTopic());
            long skipped = run.workers().stream().flatMap(worker -> worker.lines().stream())
                    .filter(line -> line.contains("sent again by its producer")).count();
            System.out.println("FAULT MATRIX | disk full | task records stored twice (sent again after an answer that"
                    + " did not say whether they were stored): " + tasks.storedTwice().size() + " " + tasks.storedTwice()
                    + " | copies the workers skipped: " + skipped
                    + " | tasks run twice: " + topic.runTwice().size() + " " + topic.runTwice()
                    + " | answers stored twice (a worker's answer sent again): " + (topic.duplicates() - topic.duplicateRuns()));
            run.assertEveryTaskAnsweredOnceAndRunOncePerRecord(figures, topic, tasks);
            assertThat(halt).as("why the broker stopped").contains("have failed");
        } finally {
            String failure = run("umount", "-l", logDir.toString());
            assertThat(failure).as("umount").isNull();
        }
    }

    /** Writes to {@code filler} until the disk is full; returns the bytes written. */
    private static long fill(Path filler) {
        byte[] chunk = new byte[1024 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).as("why the filler stopped").containsIgnoringCase("space");
            return written;
        }
    }

    /** @return null if the command succeeded, else its output and exit code */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish within 30 s";
        }
        String output = new String(process.getInputStream().readAllBytes()).trim();
        return process.exitValue() == 0 ? null : String.join(" ", command) + " exited " + process.exitValue() + ": " + output;
    }
}
