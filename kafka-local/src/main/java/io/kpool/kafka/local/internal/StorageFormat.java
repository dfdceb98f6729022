package io.kpool.kafka.local.internal;

import io.kpool.kafka.local.KafkaLocalException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a data directory for KRaft exactly once, the way {@code kafka-storage.sh format} does, and reads
 * the cluster id back from the {@code meta.properties} file that formatting leaves behind.
 */
public final class StorageFormat {
    private static final Logger LOG = LoggerFactory.getLogger(StorageFormat.class);
    private static final String META_PROPERTIES = "meta.properties";

    private StorageFormat() {
    }

    /**
     * Formats {@code dataDir} with a new random cluster id unless it is already formatted.
     *
     * @param dataDir          the broker's {@code log.dirs}
     * @param brokerProperties the broker's server properties
     * @return the cluster id stored in the data directory
     * @throws KafkaLocalException if formatting fails or the directory holds a broken {@code meta.properties}
     */
    public static String ensureFormatted(Path dataDir, Properties brokerProperties) {
        Path meta = dataDir.resolve(META_PROPERTIES);
        if (!Files.exists(meta)) {
            format(dataDir, brokerProperties, Uuid.randomUuid().toString());
        }
        return clusterId(meta);
    }

    private static void format(Path dataDir, Properties brokerProperties, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Path config = null;
        try {
            Files.createDirectories(dataDir);
            config = Files.createTempFile("kafka-local-", ".properties");
            try (Writer writer = Files.newBufferedWriter(config)) {
                brokerProperties.store(writer, "kafka-local format");
            }
            String[] args = {"format", "--cluster-id", clusterId, "--config", config.toString()};
            int exitCode = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exitCode != 0) {
                throw new KafkaLocalException("formatting " + dataDir + " failed: " + output.toString(StandardCharsets.UTF_8).trim());
            }
            LOG.debug("Formatted {}: {}", dataDir, output.toString(StandardCharsets.UTF_8).trim());
        } catch (IOException | RuntimeException e) {
            if (e instanceof KafkaLocalException) {
                throw (KafkaLocalException) e;
            }
            throw new KafkaLocalException("formatting " + dataDir + " failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(config);
        }
    }

    private static String clusterId(Path meta) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(meta)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new KafkaLocalException("cannot read " + meta + ": " + e.getMessage(), e);
        }
        String clusterId = properties.getProperty("cluster.id");
        if (clusterId == null || clusterId.isBlank()) {
            throw new KafkaLocalException(meta + " has no cluster.id: the directory was not formatted for KRaft");
        }
        return clusterId;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete temporary file {}: {}", file, e.getMessage());
        }
    }
}
