package io.kpool.kafka.local.internal;

import io.kpool.kafka.local.KafkaLocalException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks that no other broker uses a data directory, the way Kafka itself does it: Kafka holds a file lock on
 * {@code .lock} in each log directory while it runs. Checking first turns a clash into one clear message
 * instead of Kafka's fatal startup error.
 */
public final class DataDirectoryLock {
    private static final String LOCK_FILE = ".lock";

    private DataDirectoryLock() {
    }

    /**
     * Fails if a running broker, in this JVM or another process, holds the directory's lock.
     *
     * @param dataDir the broker's log directory
     * @throws KafkaLocalException if the directory is in use or its lock file cannot be checked
     */
    public static void requireUnused(Path dataDir) {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDir);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDir);
        } catch (IOException e) {
            throw new KafkaLocalException("cannot check " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private static KafkaLocalException inUse(Path dataDir) {
        return new KafkaLocalException("data dir " + dataDir + " is in use by another running Kafka broker");
    }
}
