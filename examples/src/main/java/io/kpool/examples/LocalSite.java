package io.kpool.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small web site on 127.0.0.1 for the crawler to crawl where there is no internet: one page for
 * each of the seed's five URLs, each of a different, fixed size.
 */
public final class LocalSite implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final Map<String, String> PAGES = pages(Map.of(
            "/www.baidu.com", 2_443, "/www.python.org", 48_870, "/www.openstack.org", 61_237,
            "/help.github.com", 27_519, "/www.sina.com.cn", 118_604));

    private final HttpServer server;

    private LocalSite(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving on a free port of 127.0.0.1.
     *
     * @return the running site
     */
    public static LocalSite start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(HOST, 0), 0);
            server.createContext("/", LocalSite::serve);
            server.start();
            return new LocalSite(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local web site on " + HOST, e);
        }
    }

    /** @return every page's path (e.g. {@code /www.python.org}) and its HTML, in a fixed order */
    public static Map<String, String> pages() {
        return PAGES;
    }

    /** @return the site's address, e.g. {@code http://127.0.0.1:41231} */
    public String root() {
        return "http://" + HOST + ":" + server.getAddress().getPort();
    }

    /** @return the URL of every page */
    public List<String> urls() {
        return PAGES.keySet().stream().map(path -> root() + path).toList();
    }

    /**
     * @return a URL on a port of 127.0.0.1 that nothing listens on (it was free a moment ago):
     *     fetching it fails with "connection refused"
     */
    public static String unreachableUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, new InetSocketAddress(HOST, 0).getAddress())) {
            return "http://" + HOST + ":" + socket.getLocalPort() + "/offline";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String page = PAGES.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not found\n" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> pages(Map<String, Integer> sizes) {
        Map<String, String> pages = new LinkedHashMap<>();
        sizes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> pages.put(entry.getKey(), html(entry.getKey().substring(1), entry.getValue())));
        return Collections.unmodifiableMap(pages);
    }

    /** An ASCII page of exactly {@code length} characters. */
    private static String html(String site, int length) {
        String head = "<!doctype html>\n<html><head><title>" + site + "</title></head><body>\n";
        String tail = "</body></html>\n";
        StringBuilder page = new StringBuilder(length).append(head);
        for (int line = 0; page.length() < length - tail.length(); line++) {
            page.append("<p>").append(site).append(", paragraph ").append(line).append(".</p>\n");
        }
        page.setLength(length - tail.length());
        return page.append(tail).toString();
    }
}
