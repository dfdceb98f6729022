package io.kpool.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The services' HTTP endpoint: Prometheus text, liveness and readiness. */
class ServiceEndpointTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesWhatIsRecordedAndTheJvmsMetersInPrometheusText() throws Exception {
        int port = freePort();
        try (ServiceEndpoint endpoint = ServiceEndpoint.start("test-service", port)) {
            endpoint.registry().orElseThrow().counter("kpool.test.things", "kind", "good").increment(3);

            HttpResponse<String> scrape = get(port, "/metrics");

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(scrape.body()).contains("kpool_test_things_total{kind=\"good\",service=\"test-service\"} 3.0",
                    "jvm_memory_used_bytes{", "jvm_threads_live_threads{", "process_uptime_seconds{");
        }
    }

    @Test
    void readinessIsDownUntilItsCheckSaysUpAndFollowsIt() throws Exception {
        int port = freePort();
        AtomicBoolean ready = new AtomicBoolean();
        try (ServiceEndpoint endpoint = ServiceEndpoint.start("test-service", port)) {
            assertThat(get(port, "/health/ready").statusCode()).isEqualTo(503);
            assertThat(get(port, "/health/live").body()).contains("\"UP\"");

            endpoint.readiness(ready::get);
            assertThat(get(port, "/health/ready").statusCode()).isEqualTo(503);
            ready.set(true);
            assertThat(get(port, "/health/ready").body()).contains("\"UP\"");
            endpoint.readiness(() -> {
                throw new IllegalStateException("broken check");
            });
            assertThat(get(port, "/health/ready").statusCode()).isEqualTo(503);
            endpoint.liveness(() -> false);
            assertThat(get(port, "/health/live").body()).contains("\"DOWN\"");
        }
    }

    @Test
    void portZeroServesAndRecordsNothing() {
        try (ServiceEndpoint endpoint = ServiceEndpoint.start("test-service", 0)) {
            assertThat(endpoint.registry()).isEmpty();
        }
    }

    @Test
    void aPortInUseOrOutOfRangeIsAConfigurationErrorNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> ServiceEndpoint.start("test-service", taken.getLocalPort()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--metrics-port");
        }
        assertThatThrownBy(() -> ServiceEndpoint.start("test-service", 70_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--metrics-port must be 0 (off) or a port from 1 to 65535, got 70000");
    }

    @Test
    void anythingButGetIsRefused() throws Exception {
        int port = freePort();
        try (ServiceEndpoint endpoint = ServiceEndpoint.start("test-service", port)) {
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(endpoint.registry()).isPresent();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
