package io.kpool.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One compose project from {@code docker/compose.yaml}, under a name no other run uses, driven through the
 * {@code docker compose} (v2) or {@code docker-compose} (v1) command line. Containers are found by compose's
 * labels, which both versions set. Closing it writes every container's log to a file and removes the project.
 */
final class ComposeProject implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    private final Path composeFile;
    private final String name;
    private final Map<String, String> env;
    private final List<String> compose;
    private final Path logDirectory;

    /**
     * @param composeFile  the compose file
     * @param env          variables compose interpolates (KAFKA_IMAGE, KAFKA_HOST_PORT, ...)
     * @param logDirectory where {@link #close()} writes the project's logs
     */
    ComposeProject(Path composeFile, Map<String, String> env, Path logDirectory) {
        this.composeFile = composeFile;
        this.name = "kpoolit" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.env = Map.copyOf(env);
        this.compose = composeCommand();
        this.logDirectory = logDirectory;
    }

    /** @return {@code docker compose} where the v2 plugin answers, else {@code docker-compose} */
    static List<String> composeCommand() {
        boolean v2 = Cli.run(Duration.ofSeconds(20), Map.of(), List.of("docker", "compose", "version")).exitCode() == 0;
        return v2 ? List.of("docker", "compose") : List.of("docker-compose");
    }

    /** @return the project name, {@code kpoolit<random>} */
    String name() {
        return name;
    }

    /** {@code up -d --no-build ARGS}: the images must exist (docker/build-images.sh builds them). */
    void up(String... args) {
        compose(Stream.concat(Stream.of("up", "-d", "--no-build"), Arrays.stream(args)).toArray(String[]::new)).orFail();
    }

    /** {@code run -T --rm ARGS} in the background; its output goes to {@code output}. */
    Process startRun(Path output, String... args) {
        List<String> command = composeArgs(Stream.concat(Stream.of("run", "-T", "--rm"), Arrays.stream(args)).toArray(String[]::new));
        return Cli.start(env, command, output);
    }

    /** {@code run -T --rm ARGS} to its end. */
    Cli.Result run(String... args) {
        return compose(Stream.concat(Stream.of("run", "-T", "--rm"), Arrays.stream(args)).toArray(String[]::new));
    }

    /** @return the ids of the service's containers, running or not, oldest first */
    List<String> containers(String service) {
        String ids = docker("ps", "-a", "-q", "--no-trunc", "--filter", "label=com.docker.compose.project=" + name,
                "--filter", "label=com.docker.compose.service=" + service).orFail().output();
        List<String> result = new ArrayList<>(ids.lines().map(String::trim).filter(line -> !line.isEmpty()).toList());
        Collections.reverse(result); // docker ps lists the newest first
        return result;
    }

    /** @return {@code running}, {@code exited}, ... and, for an exited container, its exit code: {@code exited 0} */
    String state(String container) {
        return docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", container).orFail().output().trim();
    }

    /** @return the health check's verdict: {@code starting}, {@code healthy}, {@code unhealthy}, or empty if none */
    String health(String container) {
        return docker("inspect", "-f", "{{if .State.Health}}{{.State.Health.Status}}{{end}}", container).orFail().output().trim();
    }

    /** @return the container's output so far */
    String logs(String container) {
        return docker("logs", container).orFail().output();
    }

    /** SIGKILL: no shutdown hook runs, nothing is committed, the group notices only when the session times out. */
    void kill(String container) {
        docker("kill", container).orFail();
    }

    /** SIGTERM, then SIGKILL if the container has not stopped within {@code grace}. */
    void stop(String container, Duration grace) {
        docker("stop", "-t", Long.toString(grace.toSeconds()), container).orFail();
    }

    Cli.Result docker(String... args) {
        return Cli.run(COMMAND_TIMEOUT, env, Stream.concat(Stream.of("docker"), Arrays.stream(args)).toList());
    }

    private Cli.Result compose(String... args) {
        return Cli.run(COMMAND_TIMEOUT, env, composeArgs(args));
    }

    private List<String> composeArgs(String... args) {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-p", name, "-f", composeFile.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Writes the project's logs to {@code <log directory>/<project>.log}, then removes its containers and network. */
    @Override
    public void close() {
        try {
            Files.createDirectories(logDirectory);
            Files.writeString(logDirectory.resolve(name + ".log"), compose("logs", "--no-color", "-t").output(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            compose("down", "-v", "--remove-orphans", "-t", "10");
        }
    }
}
