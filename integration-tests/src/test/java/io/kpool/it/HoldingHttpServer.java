package io.kpool.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server whose every request stays open until {@link #release()}: an {@code http.get} task pointed at
 * it is a task the test can see running (one open request per busy worker thread) and end when it wants.
 */
final class HoldingHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    HoldingHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::hold);
        server.start();
    }

    private void hold(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        peak.accumulateAndGet(open.incrementAndGet(), Math::max);
        try {
            released.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
        }
        byte[] body = "held".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** @return a URL on this server */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    /** @return requests open right now: tasks running */
    int open() {
        return open.get();
    }

    /** @return the most requests that were open at once */
    int peak() {
        return peak.get();
    }

    /** @return requests received so far: task executions started */
    int requests() {
        return requests.get();
    }

    /** Answers every held request and every later one at once. */
    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
