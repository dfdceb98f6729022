package io.kpool.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs command-line tools (docker, docker compose) with a deadline, their output merged and kept. */
final class Cli {
    private Cli() {
    }

    /**
     * What a finished command said.
     *
     * @param command  the command line
     * @param exitCode its exit code
     * @param output   standard output and error, merged
     */
    record Result(List<String> command, int exitCode, String output) {
        /** @return this result, if the command exited 0 */
        Result orFail() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    /** Runs the command to its end, or fails the test once {@code timeout} has passed. */
    static Result run(Duration timeout, Map<String, String> env, List<String> command) {
        try {
            Path output = Files.createTempFile("kpool-cli", ".log");
            try {
                Process process = start(env, command, output);
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Result(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** Starts the command in the background, its output going to {@code output}. */
    static Process start(Map<String, String> env, List<String> command, Path output) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }
}
