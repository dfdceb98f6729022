package io.kpool.kafka.local.internal;

import io.kpool.kafka.local.KafkaLocalException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.stream.IntStream;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats each node's data directory for KRaft exactly once, the way {@code kafka-storage.sh format} does, and reads
 * the cluster id back from the {@code meta.properties} file that formatting leaves behind.
 */
public final class StorageFormat {
    private static final Logger LOG = LoggerFactory.getLogger(StorageFormat.class);
    private static final String META_PROPERTIES = "meta.properties";
    private static final String FORMAT_LOCK = ".kafka-local-format.lock";

    private StorageFormat() {
    }

    /**
     * Formats a node's log directory unless it is already formatted, with the cluster id its sibling nodes
     * already have, or a new random one if none has. Nodes of one cluster may be started by separate
     * processes at once: a file lock in the cluster's data directory lets one of them format at a time.
     *
     * @param layout           the cluster's ports and directories
     * @param nodeId           the node to format
     * @param brokerProperties the node's server properties
     * @return the cluster id stored in the node's directory
     * @throws KafkaLocalException if formatting fails or a directory holds a broken {@code meta.properties}
     */
    public static String ensureFormatted(ClusterLayout layout, int nodeId, Properties brokerProperties) {
        Path nodeDir = layout.nodeDir(nodeId);
        if (layout.brokers() == 1) {
            return ensureFormatted(nodeDir, brokerProperties, Uuid.randomUuid().toString());
        }
        try {
            Files.createDirectories(layout.dataDir());
            try (FileChannel channel = FileChannel.open(layout.dataDir().resolve(FORMAT_LOCK),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock(); // released when the channel closes
                LOG.debug("Holding {} to format node {}", lock, nodeId);
                String clusterId = IntStream.rangeClosed(1, layout.brokers())
                        .mapToObj(id -> layout.nodeDir(id).resolve(META_PROPERTIES)).filter(Files::exists)
                        .map(StorageFormat::clusterId).findFirst().orElseGet(() -> Uuid.randomUuid().toString());
                return ensureFormatted(nodeDir, brokerProperties, clusterId);
            }
        } catch (IOException e) {
            throw new KafkaLocalException("cannot lock " + layout.dataDir().resolve(FORMAT_LOCK) + ": " + e.getMessage(), e);
        }
    }

    private static String ensureFormatted(Path dataDir, Properties brokerProperties, String clusterId) {
        Path meta = dataDir.resolve(META_PROPERTIES);
        if (!Files.exists(meta)) {
            format(dataDir, brokerProperties, clusterId);
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
