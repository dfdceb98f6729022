package io.kpool.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link KafkaLocalMain} in a child JVM with this test's class path; stdout and stderr go to one file. */
final class KafkaLocalProcess {
    private final Process process;
    private final Path outputFile;

    private KafkaLocalProcess(Process process, Path outputFile) {
        this.process = process;
        this.outputFile = outputFile;
    }

    static KafkaLocalProcess start(Path outputFile, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), KafkaLocalMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile())
                .start();
        return new KafkaLocalProcess(process, outputFile);
    }

    /** Waits for the process to end; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("kafka-local did not exit within " + timeout + "; output: " + output());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM (on Unix), like {@code kill PID}. */
    void terminate() {
        process.destroy();
    }

    void kill() {
        process.destroyForcibly();
    }

    List<String> lines() {
        try {
            return Files.readAllLines(outputFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        return String.join("\n", lines());
    }
}
