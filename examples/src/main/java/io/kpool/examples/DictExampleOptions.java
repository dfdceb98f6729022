package io.kpool.examples;

import io.kpool.dict.SharedDict;
import io.kpool.dict.SharedDictOptions;
import io.kpool.service.DictCommandOptions;
import io.kpool.service.MetricsOptions;
import io.kpool.service.ServiceEndpoint;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every shared dict example takes (a picocli mixin): the connection, the lock lease and which dict. It
 * opens the example's {@link SharedDict} and hands the example its output. An example creates it with its own
 * default dict: {@code @Mixin private DictExampleOptions dict = new DictExampleOptions("seed-count");}.
 */
public final class DictExampleOptions {
    /** The usage footer line on the environment of a dict example. */
    static final String ENVIRONMENT = "Environment: KAFKA_BOOTSTRAP_SERVERS, any KAFKA_<PROPERTY>, any KPOOL_<SETTING>, KPOOL_CONFIG_FILE.";

    @Mixin
    private DictCommandOptions connection;

    @Mixin
    private MetricsOptions metrics;

    @Option(names = "--dict", paramLabel = "NAME", description = "The shared dict. Default: ${DEFAULT-VALUE}.")
    private String dictName;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec example;

    /** @param defaultDict the dict the example uses unless {@code --dict} names another */
    public DictExampleOptions(String defaultDict) {
        this.dictName = defaultDict;
    }

    /**
     * Starts the example's metrics and health endpoint if {@code --metrics-port} is set; ready once the dict is open.
     *
     * @param service the {@code service} tag of its meters
     * @return the endpoint; the example closes it after the dict
     */
    public ServiceEndpoint serve(String service) {
        return metrics.start(service);
    }

    /**
     * Opens the dict, writing the initial values of the keys that have none yet, recording its meters
     * ({@code kpool.dict.*}) into the endpoint's registry if it has one.
     *
     * @param endpoint from {@link #serve}
     * @param clientId names this process (logs, Kafka client ids, lock owner); null for a generated one
     * @param initial values for keys that have none yet
     * @return an open client; the example closes it
     * @throws io.kpool.core.KpoolConfigException naming a bad setting
     */
    public SharedDict open(ServiceEndpoint endpoint, String clientId, Map<String, ?> initial) {
        SharedDictOptions options = connection.dictOptions(clientId);
        SharedDict dict = endpoint.registry().map(registry -> SharedDict.open(options, dictName, initial, registry))
                .orElseGet(() -> SharedDict.open(options, dictName, initial));
        endpoint.readiness(() -> true);
        return dict;
    }

    /** @return where the example prints */
    public PrintWriter out() {
        return example.commandLine().getOut();
    }
}
