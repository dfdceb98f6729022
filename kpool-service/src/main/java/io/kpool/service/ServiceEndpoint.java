package io.kpool.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's HTTP endpoint (the JDK's {@code com.sun.net.httpserver}, one thread): {@code GET /metrics} in the
 * Prometheus text format, {@code /health/live} (the process's main loop runs) and {@code /health/ready} (the service
 * can do its work: connected, in its group with an assignment, producer usable), each 200 {@code UP} or 503
 * {@code DOWN}. Its registry carries the JVM's metrics ({@link JvmMeters}) and whatever the service records.
 */
public final class ServiceEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceEndpoint.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final HttpServer server;
    private final ExecutorService executor;
    private final JvmMeters jvm;
    private volatile BooleanSupplier live = () -> true;
    private volatile BooleanSupplier ready = () -> false;

    private ServiceEndpoint(PrometheusMeterRegistry registry, HttpServer server, ExecutorService executor, JvmMeters jvm) {
        this.registry = registry;
        this.server = server;
        this.executor = executor;
        this.jvm = jvm;
    }

    /**
     * @param service the {@code service} tag of every meter
     * @param port the port to listen on, all interfaces; 0 for no endpoint
     * @return the started endpoint
     * @throws IllegalArgumentException if the port is out of range or cannot be bound
     */
    public static ServiceEndpoint start(String service, int port) {
        if (port == 0) {
            return new ServiceEndpoint(null, null, null, null);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--metrics-port must be 0 (off) or a port from 1 to 65535, got " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot serve metrics on port " + port + " (--metrics-port): " + e.getMessage(), e);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", service);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kpool-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        ServiceEndpoint endpoint = new ServiceEndpoint(registry, server, executor, JvmMeters.bind(registry));
        server.createContext("/metrics", exchange -> endpoint.respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
        server.createContext("/health/live", exchange -> endpoint.health(exchange, endpoint.live));
        server.createContext("/health/ready", exchange -> endpoint.health(exchange, endpoint.ready));
        server.setExecutor(executor);
        server.start();
        LOG.info("{} serves /metrics, /health/live and /health/ready on port {}", service, server.getAddress().getPort());
        return endpoint;
    }

    /** @return the registry to record into, or empty when no endpoint runs (record nothing then) */
    public Optional<MeterRegistry> registry() {
        return Optional.ofNullable(registry);
    }

    /** @param check answers {@code /health/live}; until set, live */
    public void liveness(BooleanSupplier check) {
        live = check;
    }

    /** @param check answers {@code /health/ready}; until set, not ready */
    public void readiness(BooleanSupplier check) {
        ready = check;
    }

    private void health(HttpExchange exchange, BooleanSupplier check) throws IOException {
        boolean up;
        try {
            up = check.getAsBoolean();
        } catch (RuntimeException e) {
            up = false;
        }
        respond(exchange, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
    }

    private void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /** Stops serving and releases the meters; idempotent. */
    @Override
    public synchronized void close() {
        if (server == null || executor.isShutdown()) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        jvm.close();
        registry.close();
    }
}
