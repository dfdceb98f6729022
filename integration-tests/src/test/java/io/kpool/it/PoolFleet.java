package io.kpool.it;

import io.kpool.pool.Pool;
import io.kpool.pool.TaskCall;
import io.kpool.test.kafka.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The pool under process faults (workers killed, stopped, restarted, scaled): pool-worker processes named w1, w2, …,
 * each able to run {@link RecordedSleepTask}, whose executions it reads back, and the figures of a {@code FAULT MATRIX}
 * line with them.
 */
final class PoolFleet extends PoolUnderFault {
    static final Duration STEP = Duration.ofSeconds(60);

    private final int processes;
    private final Path executionsDirectory;
    private final Path tasksDirectory;
    private final String workerClasspath;
    private int workersStarted;

    /**
     * @param workerSettings environment every worker gets besides the broker, topics and group (e.g. KAFKA_SESSION_TIMEOUT_MS)
     */
    PoolFleet(TestKafka kafka, int partitions, int processes, Map<String, String> workerSettings) throws IOException {
        super(new PoolProcesses(kafka, "fault", partitions, workerSettings), STEP);
        this.processes = processes;
        executionsDirectory = Files.createTempDirectory("kpool-executions");
        tasksDirectory = Files.createTempDirectory("kpool-worker-tasks");
        workerClasspath = WorkerTasks.classpath(tasksDirectory);
    }

    /** @return every recorded execution so far */
    Executions executions() {
        return Executions.read(executionsDirectory);
    }

    /** @return a started pool-worker process; it may not have joined the group yet */
    ServiceProcess worker(String... extraArgs) {
        String name = "w" + ++workersStarted;
        Map<String, String> env = processes().env();
        env.put(RecordedSleepTask.LOG_VARIABLE, Executions.file(executionsDirectory, name).toString());
        List<String> args = new ArrayList<>(List.of("--name", name, "--processes", Integer.toString(processes),
                "--tasks", "sleep,echo," + RecordedSleepTask.NAME));
        args.addAll(List.of(extraArgs));
        return named(name, processes().track(ServiceProcess.startMain(name, workerClasspath, "io.kpool.worker.PoolWorkerApp", env,
                args.toArray(String[]::new))));
    }

    /** @return a started pool-worker process once it has been assigned partitions */
    ServiceProcess assignedWorker(String... extraArgs) {
        return assigned(worker(extraArgs));
    }

    /** Submits {@code count} {@code recorded-sleep(prefix + n, seconds)} tasks, n counting on over the test. */
    List<Submitted> submitRecorded(Pool pool, String prefix, int count, double seconds) {
        List<Submitted> wave = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String marker = prefix + submitted().size();
            wave.add(submit(pool, TaskCall.of(RecordedSleepTask.NAME, marker, seconds).returning(String.class), marker));
        }
        return wave;
    }

    /** @return the figures of the tasks submitted so far, with the executions recorded so far */
    Figures figures(String scenario, CallbackResults topic, int faults, long inFlight) {
        Executions executions = executions();
        boolean recorded = submitted().stream().anyMatch(s -> s.marker() != null);
        return new Figures(scenario, submitted().size(), delivered(), deliveredTwice(), topic.results() - 1, topic.duplicates(),
                faults, inFlight, seconds(), recorded ? executions.count() : -1, recorded ? executions.duplicates() : -1);
    }

    /** Terminates the clients, kills the processes the fleet started and deletes its files. */
    @Override
    public void close() {
        super.close();
        for (Path directory : List.of(executionsDirectory, tasksDirectory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete " + directory, e);
            }
        }
    }
}
