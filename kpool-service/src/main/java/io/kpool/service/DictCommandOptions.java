package io.kpool.service;

import io.kpool.core.KpoolConfig;
import io.kpool.dict.SharedDictOptions;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command-line options of a shared dict client (a picocli mixin): the connection and the lock lease. */
public final class DictCommandOptions {
    @Mixin
    private ConnectionMixin connection;

    @Option(names = "--lock-lease-ms", paramLabel = "MS",
            description = "How long a lock grant lasts unless its holder renews it (kpool.dict.lock.lease.ms). Default: 10000.")
    private Long lockLeaseMs;

    /**
     * @param clientId names this client (logs, Kafka client ids, lock owners); null for a generated one
     * @return validated shared dict options
     * @throws io.kpool.core.KpoolConfigException naming a bad setting
     */
    public SharedDictOptions dictOptions(String clientId) {
        Map<String, Object> given = new HashMap<>();
        given.put(KpoolConfig.DICT_LOCK_LEASE_MS, lockLeaseMs);
        return SharedDictOptions.from(connection.load(given), clientId);
    }
}
