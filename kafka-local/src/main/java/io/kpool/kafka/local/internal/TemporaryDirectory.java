package io.kpool.kafka.local.internal;

import io.kpool.kafka.local.KafkaLocalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The throw-away data directory a broker gets when it is not given one.
 */
public final class TemporaryDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(TemporaryDirectory.class);

    private TemporaryDirectory() {
    }

    /**
     * Creates a fresh, empty directory under the system temporary directory.
     *
     * @return its absolute path
     * @throws KafkaLocalException if it cannot be created
     */
    public static Path create() {
        try {
            return Files.createTempDirectory("kafka-local-").toAbsolutePath();
        } catch (IOException e) {
            throw new KafkaLocalException("cannot create a temporary data directory: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a directory and everything below it; failures are logged, not thrown.
     *
     * @param dir the directory to delete
     */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(TemporaryDirectory::deleteOne);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }

    private static void deleteOne(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", path, e.getMessage());
        }
    }
}
