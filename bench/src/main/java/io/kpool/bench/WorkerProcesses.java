package io.kpool.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pool worker processes of a benchmark: this bench's classpath started again as {@code bench worker}
 * in separate JVMs. Each writes its log to a file; closing its stdin stops it.
 */
final class WorkerProcesses implements AutoCloseable {
    private final PoolTopics topics;
    private final int processes;
    private final List<String> jvmOptions;
    private final Path logs;
    private final List<Process> started = new ArrayList<>();

    WorkerProcesses(PoolTopics topics, int processes, List<String> jvmOptions) throws IOException {
        this.topics = topics;
        this.processes = processes;
        this.jvmOptions = jvmOptions;
        this.logs = Files.createTempDirectory("kpool-bench-workers");
    }

    /** Starts workers until {@code count} run, each waited for until it says it is ready. */
    void scaleTo(int count) throws IOException, InterruptedException {
        while (started.size() < count) {
            String name = "bench-worker-" + (started.size() + 1);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchMain.class.getName()));
            command.addAll(topics.workerArguments(processes, name));
            Path log = logs.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            started.add(process);
            awaitReady(process, log);
        }
    }

    int count() {
        return started.size();
    }

    private static void awaitReady(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("worker ready")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Worker process exited with " + process.exitValue() + "; its log: " + log);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IllegalStateException("Worker process not ready within 60 s; its log: " + log);
    }

    /** Stops every worker: closes its stdin, waits for it to finish, kills it if it does not. */
    @Override
    public void close() {
        for (Process process : started) {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.flush();
            } catch (IOException e) {
                process.destroy();
            }
        }
        for (Process process : started) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        System.out.println("   worker logs: " + logs);
    }
}
