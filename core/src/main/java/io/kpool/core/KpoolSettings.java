package io.kpool.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration, loaded in layers where each overrides the one before: defaults, a properties file,
 * the environment, then explicit overrides (a command line's options).
 *
 * <p>Keys starting with {@code kpool.} are kpool settings ({@link KpoolConfig}); every other key
 * must be a Kafka client property ({@code bootstrap.servers}, {@code security.protocol},
 * {@code sasl.jaas.config}, {@code ssl.truststore.location}, ...). In the environment,
 * {@code KAFKA_SASL_JAAS_CONFIG} means {@code sasl.jaas.config} and {@code KPOOL_QUEUE_TOPIC} means
 * {@code kpool.queue.topic}; {@code KPOOL_CONFIG_FILE} names the properties file and
 * {@code KPOOL_LOG_LEVEL}, {@code KPOOL_LOG_FORMAT} and {@code KPOOL_METRICS_PORT} the services' log level, log format
 * and metrics port. Other {@code KPOOL_*} variables are ignored with a
 * warning; an unknown key in the file or on the command line is an error.
 */
public final class KpoolSettings {
    /** The environment variable that names a properties file. */
    public static final String CONFIG_FILE_ENV = "KPOOL_CONFIG_FILE";
    /** The broker used when nothing else says. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private static final Set<String> KAFKA_CLIENT_KEYS = kafkaClientKeys();
    /** KPOOL_ variables that configure something else than the settings (the file, the services' logs and metrics port). */
    private static final Set<String> NOT_SETTINGS = Set.of(CONFIG_FILE_ENV, "KPOOL_LOG_LEVEL", "KPOOL_LOG_FORMAT", "KPOOL_METRICS_PORT");
    private static final Logger LOG = LoggerFactory.getLogger(KpoolSettings.class);

    private final Map<String, String> kafka;
    private final Map<String, Object> kpool;
    private final Set<String> given;

    private KpoolSettings(Map<String, String> kafka, Map<String, Object> kpool, Set<String> given) {
        this.kafka = Collections.unmodifiableMap(kafka);
        this.kpool = Collections.unmodifiableMap(kpool);
        this.given = Set.copyOf(given);
    }

    /**
     * Loads from this process's environment, the file it names (or {@code configFile}), and overrides.
     *
     * @param configFile a properties file, or null to take {@code KPOOL_CONFIG_FILE} (if set)
     * @param overrides highest-priority values, e.g. from a command line; keys as in the file
     * @return the validated settings
     * @throws KpoolConfigException naming the key, the value and what is allowed
     */
    public static KpoolSettings load(Path configFile, Map<String, String> overrides) {
        return load(configFile, System.getenv(), overrides);
    }

    /**
     * Loads from the given environment, file and overrides.
     *
     * @param configFile a properties file, or null to take {@code KPOOL_CONFIG_FILE} from {@code env}
     * @param env environment variables; only {@code KAFKA_*} and {@code KPOOL_*} are read
     * @param overrides highest-priority values; keys as in the file
     * @return the validated settings
     * @throws KpoolConfigException naming the key, the value and what is allowed
     */
    public static KpoolSettings load(Path configFile, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>();
        merged.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS);
        Path file = configFile != null ? configFile
                : env.containsKey(CONFIG_FILE_ENV) ? Path.of(env.get(CONFIG_FILE_ENV)) : null;
        if (file != null) {
            putChecked(merged, readFile(file), "properties file " + file);
        }
        putChecked(merged, fromEnvironment(env), "the environment");
        putChecked(merged, overrides, "the command line");
        Map<String, String> kafka = new TreeMap<>();
        Map<String, String> kpool = new TreeMap<>();
        merged.forEach((key, value) -> (key.startsWith(KpoolConfig.PREFIX) ? kpool : kafka).put(key, value));
        try {
            return new KpoolSettings(kafka, KpoolConfig.DEFINITION.parse(kpool), kpool.keySet());
        } catch (ConfigException e) {
            throw new KpoolConfigException(e.getMessage());
        }
    }

    /**
     * The Kafka client properties, ready for a producer, consumer or admin client.
     *
     * @return a new mutable map
     */
    public Map<String, Object> kafkaProperties() {
        return new TreeMap<>(kafka);
    }

    /**
     * A kpool setting's parsed value.
     *
     * @param key one of the {@link KpoolConfig} names
     * @return its value, typed as the definition says
     */
    public Object get(String key) {
        if (!kpool.containsKey(key)) {
            throw new KpoolConfigException("Unknown kpool setting '" + key + "'; known: " + kpool.keySet());
        }
        return kpool.get(key);
    }

    /**
     * @param key one of the {@link KpoolConfig} names
     * @return true if a file, the environment or the overrides set it; false if it holds its default
     */
    public boolean isSet(String key) {
        get(key); // an unknown key fails as get does
        return given.contains(key);
    }

    /** @return the bootstrap servers the clients will use */
    public String bootstrapServers() {
        return kafka.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    private static void putChecked(Map<String, String> merged, Map<String, String> layer, String source) {
        layer.forEach((key, value) -> {
            if (!key.startsWith(KpoolConfig.PREFIX) && !KAFKA_CLIENT_KEYS.contains(key)) {
                throw new KpoolConfigException("Unknown setting '" + key + "' in " + source
                        + ": it is neither a kpool setting (" + KpoolConfig.DEFINITION.names()
                        + ") nor a Kafka producer, consumer or admin client property.");
            }
            if (key.startsWith(KpoolConfig.PREFIX) && !KpoolConfig.DEFINITION.names().contains(key)) {
                throw new KpoolConfigException("Unknown kpool setting '" + key + "' in " + source
                        + "; known: " + KpoolConfig.DEFINITION.names());
            }
            merged.put(key, value);
        });
    }

    private static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> result = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("KPOOL_") && !NOT_SETTINGS.contains(name)) {
                String key = name.toLowerCase(Locale.ROOT).replace('_', '.');
                if (KpoolConfig.DEFINITION.names().contains(key)) {
                    result.put(key, value);
                } else {
                    LOG.warn("Ignoring environment variable {}: '{}' is no kpool setting (known: {})", name, key,
                            KpoolConfig.DEFINITION.names());
                }
            } else if (name.startsWith("KAFKA_")) {
                String key = name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                if (KAFKA_CLIENT_KEYS.contains(key)) { // KAFKA_HEAP_OPTS and friends are not client properties
                    result.put(key, value);
                }
            }
        });
        return result;
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new KpoolConfigException("Cannot read properties file " + file + ": " + e.getMessage());
        }
        Map<String, String> result = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> result.put(name.trim(), properties.getProperty(name).trim()));
        return result;
    }

    private static Set<String> kafkaClientKeys() {
        Set<String> keys = new HashSet<>(ProducerConfig.configNames());
        keys.addAll(ConsumerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return Set.copyOf(keys);
    }
}
