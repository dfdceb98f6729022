package io.kpool.tasks;

import io.kpool.pool.Task;
import io.kpool.pool.TaskArgumentException;
import io.kpool.pool.TaskArguments;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code http.get(url, timeout_s=10)} → {@code {"url", "status", "length", "text"}}: the seed's
 * crawler {@code get(url)}. Only http and https URLs; the body is returned as text (capped at
 * {@value #MAX_BODY_CHARS} characters, {@code length} is the full length).
 *
 * <p>It fetches any URL for anyone who can write to the tasks topic, from wherever the worker runs
 * (inside a network the callers may not reach themselves), so it is not {@linkplain #enabledByDefault()
 * enabled by default}: a worker runs it only where it is selected by name ({@code pool-worker --tasks ...,http.get}).
 */
public final class HttpGetTask implements Task {
    /** Longest body text returned. */
    public static final int MAX_BODY_CHARS = 1_000_000;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    @Override
    public String name() {
        return "http.get";
    }

    /** @return false: a worker fetches URLs only where {@code http.get} is selected by name */
    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public Object execute(TaskArguments arguments) throws IOException, InterruptedException {
        arguments.requireCount(1, 1);
        URI uri = uri(arguments.getString(0));
        double timeout = arguments.keyword("timeout_s", Double.class, 10.0);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis((long) (timeout * 1000))).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("url", uri.toString());
        result.put("status", response.statusCode());
        result.put("length", body.length());
        result.put("text", body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body);
        return result;
    }

    private static URI uri(String text) {
        try {
            URI uri = URI.create(text);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("scheme must be http or https");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new TaskArgumentException("Task 'http.get' argument 0 must be an http(s) URL, got '" + text + "': " + e.getMessage());
        }
    }
}
