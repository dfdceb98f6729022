package io.kpool.service;

import picocli.CommandLine.Option;

/** The option every service shares for its metrics and health endpoint (a picocli mixin). */
public final class MetricsOptions {
    /** The environment variable giving the port when the command line does not. */
    public static final String PORT_ENV = "KPOOL_METRICS_PORT";

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:" + PORT_ENV + ":-0}",
            description = "Serve /metrics (Prometheus), /health/live and /health/ready on this port; 0 serves nothing. "
                    + "Default: $" + PORT_ENV + ", else 0 (kpool's Docker images set 9400).")
    private int port;

    /**
     * Starts the endpoint if a port is set.
     *
     * @param service the service's name, the {@code service} tag of every meter
     * @return the running endpoint, or one that serves and records nothing if the port is 0
     * @throws IllegalArgumentException if the port is out of range or cannot be bound
     */
    public ServiceEndpoint start(String service) {
        return ServiceEndpoint.start(service, port);
    }
}
