package io.kpool.examples;

import io.kpool.core.KpoolException;
import io.kpool.pool.Pool;
import io.kpool.pool.RemoteTaskException;
import io.kpool.pool.TaskCall;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One crawl: submits an {@code http.get} task per URL and, on the pool's callback thread, runs the
 * seed's {@code parse} on each page (appending {@code url:length} to the db file) or reports the failure.
 */
final class Crawl {
    /** The result of the {@code http.get} task. */
    record Page(String url, int status, long length, String text) {
    }

    private final PrintWriter out;
    private final Path dbFile;
    private final long pid = ProcessHandle.current().pid();
    private final AtomicInteger parsed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile IOException writeFailure;

    Crawl(PrintWriter out, Path dbFile) {
        this.out = out;
        this.dbFile = dbFile;
    }

    /** Like the seed's {@code p.apply_async(get, args=(url,), callback=parse)}, with an error callback. */
    void submit(Pool pool, String url) {
        pool.applyAsync(TaskCall.of("http.get", url).returning(Page.class), this::parse, error -> report(url, error));
    }

    /** The seed's {@code parse}: runs in this process, on the pool's callback thread. */
    private void parse(Page page) {
        if (page.status() != 200) {
            failed.incrementAndGet();
            out.printf("%d SKIP %s: HTTP %d%n", pid, page.url(), page.status());
            return;
        }
        out.printf("%d PARSE %s%n", pid, page.url());
        try {
            Files.writeString(dbFile, page.url() + ":" + page.length() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            parsed.incrementAndGet();
        } catch (IOException e) {
            failed.incrementAndGet();
            writeFailure = e;
            out.printf("%d CANNOT WRITE %s: %s%n", pid, dbFile, e);
        }
    }

    private void report(String url, KpoolException error) {
        failed.incrementAndGet();
        String reason = error instanceof RemoteTaskException remote
                ? remote.remoteType() + (remote.remoteMessage() == null ? "" : ": " + remote.remoteMessage())
                : error.getMessage();
        out.printf("%d FAILED %s: %s%n", pid, url, reason);
    }

    int parsed() {
        return parsed.get();
    }

    int failed() {
        return failed.get();
    }

    /** @return the first error writing the db file, or null */
    IOException writeFailure() {
        return writeFailure;
    }
}
