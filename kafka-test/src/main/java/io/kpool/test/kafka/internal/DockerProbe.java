package io.kpool.test.kafka.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;

/**
 * Answers "does Docker run here?" cheaply: where no sign of a Docker engine exists (no {@code DOCKER_HOST}, no
 * Testcontainers settings file, no known socket) the answer is no at once; otherwise Testcontainers asks the
 * engine.
 */
final class DockerProbe {
    private DockerProbe() {
    }

    /**
     * Whether Testcontainers can start containers.
     *
     * @return {@code true} if a Docker engine answers
     */
    static boolean isDockerAvailable() {
        if (!anySignOfDocker()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean anySignOfDocker() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
            return true;
        }
        if (isSet(System.getenv("DOCKER_HOST"))) {
            return true;
        }
        Path home = Path.of(System.getProperty("user.home", "/"));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        return Stream.of(
                        home.resolve(".testcontainers.properties"),
                        Path.of("/var/run/docker.sock"),
                        home.resolve(".docker/run/docker.sock"),
                        home.resolve(".docker/desktop/docker.sock"),
                        isSet(runtimeDir) ? Path.of(runtimeDir, "docker.sock") : null)
                .filter(Objects::nonNull)
                .anyMatch(Files::exists);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
