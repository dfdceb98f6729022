package io.kpool.examples;

import io.kpool.service.ServiceCommand;
import picocli.CommandLine.Command;

/** {@code examples}: the seed's Python examples as kpool programs, one subcommand each. */
@Command(name = "examples", mixinStandardHelpOptions = true, version = "kpool examples 0.1.0",
        description = "The seed's examples as kpool programs. Each subcommand is one example; see its --help.",
        subcommands = {PoolApplyExample.class, PoolApplyAsyncExample.class, CrawlerExample.class,
                SharedCountExample.class, SharedLockExample.class})
public final class ExamplesMain {
    private ExamplesMain() {
    }

    /** @param args the command line */
    public static void main(String[] args) {
        ServiceCommand.main(new ExamplesMain(), args);
    }
}
