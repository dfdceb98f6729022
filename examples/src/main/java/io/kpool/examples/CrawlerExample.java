package io.kpool.examples;

import io.kpool.pool.Pool;
import io.kpool.service.ServiceCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The seed's crawler: pool workers fetch the pages, this process parses them in a callback into db.txt. */
@Command(name = "crawler", mixinStandardHelpOptions = true,
        description = {"The seed's crawler (四): pool workers fetch pages, a parse callback here writes db.txt.",
                "    for url in urls: pool.apply_async(http.get, url, callback=parse)",
                "A pool worker fetches each page (the demo task http.get); its result comes back on the callback topic "
                        + "and parse runs in this process, on the pool's callback thread: it prints '<pid> PARSE <url>' and "
                        + "appends '<url>:<length>' to --db-file (appending, as the seed does). A URL that cannot be fetched "
                        + "goes to the error callback and is printed as '<pid> FAILED <url>: <reason>'; the crawl goes on. "
                        + "At the end the contents of the db file are printed.",
                "",
                "Without --url (this machine may have no internet) it serves a local site on 127.0.0.1 with one page per "
                        + "seed URL, each of a different size, and crawls those plus one URL nobody listens on, to show "
                        + "the error callback. The pool worker must then run on this machine, to reach 127.0.0.1.",
                PoolExampleOptions.NEEDS_A_WORKER,
                "    java -jar pool-worker/target/pool-worker.jar --processes 4 --tasks http.get",
                "Without one, every URL fails after --timeout; on a worker that does not list http.get in --tasks, "
                        + "every URL fails at once as an unknown task."},
        footer = {"", PoolExampleOptions.ENVIRONMENT,
                "Exit codes: 0 the crawl finished (failed URLs are reported, not fatal), 1 the db file could not be "
                        + "written or the pool failed, 2 bad usage or configuration."})
public final class CrawlerExample implements Callable<Integer> {
    @Mixin
    private PoolExampleOptions pool;

    @Option(names = "--url", paramLabel = "URL",
            description = "A page to crawl (http or https), repeatable. Given, no local site is started; the pool worker "
                    + "fetches it, so it needs network access to it.")
    private List<String> urls = new ArrayList<>();

    @Option(names = "--db-file", defaultValue = "db.txt", paramLabel = "FILE",
            description = "File the parse callback appends '<url>:<length>' lines to. Default: ./${DEFAULT-VALUE}.")
    private Path dbFile;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = pool.out();
        if (!urls.isEmpty()) {
            return crawl(out, urls);
        }
        try (LocalSite site = LocalSite.start()) {
            out.println("-- no --url given: crawling the local site " + site.root() + " (" + LocalSite.pages().size()
                    + " pages) and one URL nobody listens on");
            List<String> local = new ArrayList<>(site.urls());
            local.add(LocalSite.unreachableUrl());
            return crawl(out, local);
        }
    }

    private int crawl(PrintWriter out, List<String> targets) throws IOException {
        Crawl crawl = new Crawl(out, dbFile);
        Pool crawler = pool.open();
        try {
            for (String url : targets) {
                crawl.submit(crawler, url);
            }
            crawler.close();
            crawler.join(); // every page parsed or reported, as the seed's p.close(); p.join()
        } finally {
            crawler.terminate();
        }
        out.println("-- " + dbFile + ":");
        if (Files.exists(dbFile)) {
            Files.readAllLines(dbFile, StandardCharsets.UTF_8).forEach(out::println);
        }
        out.printf("-- crawled %d URL(s): %d parsed into %s, %d failed%n", targets.size(), crawl.parsed(), dbFile, crawl.failed());
        if (crawl.writeFailure() != null) {
            pool.err().println("crawler failed: cannot write " + dbFile + ": " + crawl.writeFailure());
            return ServiceCommand.FAILED;
        }
        return 0;
    }
}
