package io.kpool.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A kafka-local broker (or one node of a kafka-local cluster) as its own process, on fixed ports and a fixed
 * data directory, so that a test can SIGKILL it and start it again where it was, with its data.
 */
final class BrokerProcess implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(90);

    private final String label;
    private final List<String> args;
    private final List<ServiceProcess> runs = new ArrayList<>();
    private ServiceProcess process;
    private int starts;

    private BrokerProcess(String label, List<String> args) {
        this.label = label;
        this.args = args;
    }

    /**
     * Starts a broker and waits until it is ready.
     *
     * @param label   a name for the logs
     * @param dataDir the data directory, kept across restarts
     * @param port    the client port
     * @param extra   further kafka-local arguments (e.g. {@code --brokers 3 --node 2 --controller-port P})
     */
    static BrokerProcess start(String label, Path dataDir, int port, String... extra) {
        BrokerProcess broker = launch(label, dataDir, port, extra);
        broker.awaitReady();
        return broker;
    }

    /** Starts a broker without waiting for it: the nodes of a cluster become ready only together. */
    static BrokerProcess launch(String label, Path dataDir, int port, String... extra) {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        args.addAll(List.of(extra));
        BrokerProcess broker = new BrokerProcess(label, List.copyOf(args));
        broker.launch();
        return broker;
    }

    private void launch() {
        starts++;
        process = ServiceProcess.start(starts == 1 ? label : label + "#" + starts, "kpool.kafka-local.jar", Map.of(),
                args.toArray(String[]::new));
        runs.add(process);
    }

    void awaitReady() {
        ServiceProcess current = process;
        await().atMost(READY).until(() -> current.hasLine(line -> line.contains("kafka-local ready on"))
                || !current.isAlive());
        if (!current.isAlive()) {
            throw new AssertionError(label + " exited instead of becoming ready:\n" + String.join("\n", current.lines()));
        }
    }

    /** SIGKILL: no shutdown, no flush beyond what the OS already has; a machine or container dying. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** Starts the broker again on the same ports and data directory, and waits until it is ready. */
    void restart() {
        launch();
        awaitReady();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** @return what every run of this broker printed, the first run first */
    List<String> lines() {
        return runs.stream().flatMap(run -> run.lines().stream()).toList();
    }

    @Override
    public void close() {
        process.close();
    }

    /**
     * Finds {@code count} consecutive free ports.
     *
     * @return the first of them
     */
    static int freePorts(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base;
            try (ServerSocket probe = new ServerSocket(0)) {
                base = probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (base + count < 65_535 && allFree(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports found");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("localhost", port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
