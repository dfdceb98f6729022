package io.kpool.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kpool.pool.TaskArgumentException;
import io.kpool.pool.TaskArguments;
import io.kpool.pool.TaskRegistry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo tasks as a worker installs them from this jar, and what each computes. */
class DemoTasksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TaskArguments arguments(String task, Object... values) {
        List<JsonNode> positional = Arrays.stream(values).<JsonNode>map(JSON::valueToTree).toList();
        return new TaskArguments(task, positional, Map.of());
    }

    @Test
    void aWorkerGetsSquareSleepEchoFailAndFlakyByDefaultButHttpGetOnlyWhenItIsSelected() {
        assertThat(TaskRegistry.installed().names()).containsExactly("echo", "fail", "flaky", "sleep", "square");
        assertThat(TaskRegistry.installed(List.of("square", "sleep", "echo", "fail", "http.get")).names())
                .containsExactly("echo", "fail", "http.get", "sleep", "square");
        assertThat(new HttpGetTask().enabledByDefault()).isFalse();
    }

    @Test
    void squareKeepsIntegersIntegralAndSquaresOtherNumbers() throws Exception {
        assertThat(new SquareTask().execute(arguments("square", 12))).isEqualTo(144L);
        assertThat(new SquareTask().execute(arguments("square", 1.5))).isEqualTo(2.25);
        assertThatThrownBy(() -> new SquareTask().execute(arguments("square", "three")))
                .isInstanceOf(TaskArgumentException.class).hasMessageContaining("'square' argument 0");
    }

    @Test
    void echoFailAndSleepDoWhatTheSeedsExamplesNeed() throws Exception {
        assertThat(new EchoTask().execute(arguments("echo", "page"))).isEqualTo(JSON.valueToTree("page"));
        assertThat(new EchoTask().execute(arguments("echo", 1, 2))).isEqualTo(List.of(JSON.valueToTree(1), JSON.valueToTree(2)));
        assertThatThrownBy(() -> new FailTask().execute(arguments("fail"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("failed on purpose");
        assertThat(new SleepTask().execute(arguments("sleep", 0))).isEqualTo(0.0);
        assertThatThrownBy(() -> new SleepTask().execute(arguments("sleep", -1))).isInstanceOf(TaskArgumentException.class);
    }

    @Test
    void flakyFailsItsFirstAttemptsByTheAttemptNumberAloneThenReturnsItsValue() throws Exception {
        List<JsonNode> args = List.of(JSON.valueToTree(2), JSON.valueToTree("v"));
        for (int attempt = 1; attempt <= 2; attempt++) {
            TaskArguments failing = new TaskArguments("flaky", args, Map.of(), attempt);
            assertThatThrownBy(() -> new FlakyTask().execute(failing)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("attempt " + attempt + " of 3");
        }
        assertThat(new FlakyTask().execute(new TaskArguments("flaky", args, Map.of(), 3))).isEqualTo(JSON.valueToTree("v"));
        assertThat(new FlakyTask().execute(new TaskArguments("flaky", List.of(JSON.valueToTree(0)), Map.of(), 1))).isEqualTo("ok");
    }

    @Test
    void httpGetFetchesAPageAndRefusesAnythingButHttpAndHttps() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/page", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/page";
            assertThat(new HttpGetTask().execute(arguments("http.get", url)))
                    .isEqualTo(Map.of("url", url, "status", 200, "length", 5, "text", "hello"));
        } finally {
            server.stop(0);
        }
        assertThatThrownBy(() -> new HttpGetTask().execute(arguments("http.get", "file:///etc/passwd")))
                .isInstanceOf(TaskArgumentException.class).hasMessageContaining("http(s) URL");
    }
}
