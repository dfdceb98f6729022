package io.kpool.kafka.local;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code kafka-local} command: runs a {@link KafkaLocalBroker} as its own process until Ctrl-C or SIGTERM.
 */
@Command(name = "kafka-local", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = KafkaLocalVersion.class,
        description = {
            "Runs a real Apache Kafka broker (KRaft: broker and controller in one node) from Kafka's own"
                    + " jars, or a cluster of them (--brokers). No Docker, no ZooKeeper, no installation.",
            "",
            "The first start formats --data-dir with a new cluster id; later starts on the same directory"
                    + " keep every topic and record. Logs one line when ready, naming every broker:",
            "  kafka-local ready on HOST:PORT (data: DIR, cluster id ID)",
            "  kafka-local ready on HOST:PORT,HOST:PORT+1,HOST:PORT+2 (3 brokers, data: ...)",
            ""},
        footer = {
            "",
            "Memory: a broker runs fine with a 512 MB heap, three in one process with 1 GB:",
            "  java -Xmx512m -jar kafka-local.jar --port 9092",
            "",
            "A cluster of three brokers on ports 9092-9094, every topic with",
            "3 replicas and min.insync.replicas=2:",
            "  java -Xmx1g -jar kafka-local.jar --brokers 3 --port 9092",
            "Each broker in its own process (to kill one), all with the same",
            "--brokers, --port, --controller-port and --data-dir:",
            "  java -jar kafka-local.jar --brokers 3 --node 1 --port 9092 \\",
            "      --controller-port 9192 --data-dir DIR &",
            "  (the same with --node 2 and --node 3)",
            "",
            "Ctrl-C or SIGTERM stops the broker cleanly, logs 'kafka-local stopped' and exits 0.",
            "Exit codes: 0 stopped cleanly or help/version shown, 1 could not start (e.g. a port"
                    + " already in use), 2 invalid arguments."})
public final class KafkaLocalMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaLocalMain.class);

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
            description = "Port clients connect to (PLAINTEXT listener); 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--controller-port", paramLabel = "PORT", defaultValue = "0",
            description = "Port of the KRaft CONTROLLER listener; 0 (default) picks a free one.")
    private int controllerPort;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "localhost",
            description = "Host the broker listens on and advertises to clients. Default: ${DEFAULT-VALUE}.")
    private String host;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".kpool/kafka-data",
            description = "Directory for the broker's logs and metadata, created if missing, kept on exit."
                    + " Default: ${DEFAULT-VALUE} (relative to the working directory).")
    private Path dataDir;

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "1",
            description = "Brokers in the cluster, 1 to 9: broker i listens on PORT+i-1 and CONTROLLER-PORT+i-1"
                    + " (free ports if 0) and keeps its data in DIR/node-i. With 3 or more every topic, internal ones"
                    + " included, gets 3 replicas and a minimum of 2 in sync (one broker may be lost)."
                    + " Default: ${DEFAULT-VALUE} (a single broker, its data in DIR itself).")
    private int brokers;

    @Option(names = "--node", paramLabel = "ID", defaultValue = "0",
            description = "Run only broker ID (1 to N) of the --brokers cluster in this process; needs a fixed --port,"
                    + " --controller-port and --data-dir, the same for every node. Default: 0, every broker here.")
    private int node;

    @Spec
    private CommandSpec spec;

    /**
     * Runs the command and exits the JVM with its exit code.
     *
     * @param args the command line, see {@code --help}
     */
    public static void main(String... args) {
        System.exit(new CommandLine(new KafkaLocalMain()).execute(args));
    }

    /**
     * Starts the broker and blocks until the process is told to stop; not called directly, but by picocli.
     *
     * @return 1 if the broker could not start; otherwise the process ends with 0 from its shutdown hook
     */
    @Override
    public Integer call() {
        KafkaLocalBroker broker;
        try {
            broker = KafkaLocalBroker.builder().host(host).port(port).controllerPort(controllerPort)
                    .dataDir(dataDir).brokers(brokers).node(node).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            broker.start();
        } catch (KafkaLocalException e) {
            broker.close();
            PrintWriter err = spec.commandLine().getErr();
            err.println("kafka-local: cannot start: " + e.getMessage() + hint(e));
            err.flush();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(broker), "kafka-local-stop"));
        LOG.info("kafka-local ready on {} ({}data: {}, cluster id {})", broker.bootstrapServers(), which(broker),
                broker.dataDir(), broker.clusterId());
        return awaitStop();
    }

    private String which(KafkaLocalBroker broker) {
        if (brokers == 1) {
            return "";
        }
        return node == 0 ? brokers + " brokers, " : "node " + node + " of " + brokers + " on " + broker.localAddresses().get(0) + ", ";
    }

    private String hint(KafkaLocalException e) {
        if (!(e instanceof PortInUseException)) {
            return "";
        }
        return " (choose another with " + (isClientPort(((PortInUseException) e).port()) ? "--port" : "--controller-port") + ")";
    }

    private boolean isClientPort(int taken) {
        return taken >= port && taken < port + brokers;
    }

    /**
     * Runs in the shutdown hook: a stop by Ctrl-C or SIGTERM is the normal end of this process, so once the
     * broker is closed the JVM halts with 0 instead of the signal's 130/143.
     */
    private static void stop(KafkaLocalBroker broker) {
        broker.close();
        LOG.info("kafka-local stopped");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static int awaitStop() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
