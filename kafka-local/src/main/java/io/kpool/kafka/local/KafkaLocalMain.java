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
            "Runs a real single-node Apache Kafka broker (KRaft: broker and controller in one process)"
                    + " from Kafka's own jars. No Docker, no ZooKeeper, no installation.",
            "",
            "The first start formats --data-dir with a new cluster id; later starts on the same directory"
                    + " keep every topic and record. Logs one line when ready:",
            "  kafka-local ready on HOST:PORT (data: DIR, cluster id ID)",
            ""},
        footer = {
            "",
            "Memory: the broker runs fine with a 512 MB heap:",
            "  java -Xmx512m -jar kafka-local.jar --port 9092",
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
                    .dataDir(dataDir).build();
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
        LOG.info("kafka-local ready on {} (data: {}, cluster id {})",
                broker.bootstrapServers(), broker.dataDir(), broker.clusterId());
        return awaitStop();
    }

    private String hint(KafkaLocalException e) {
        if (!(e instanceof PortInUseException)) {
            return "";
        }
        return " (choose another with " + (((PortInUseException) e).port() == port ? "--port" : "--controller-port") + ")";
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
