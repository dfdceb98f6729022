package io.kpool.cli;

import io.kpool.service.ServiceCommand;
import picocli.CommandLine.Command;

/** {@code kpool}: looks at a running pool from outside, as an operator does (Celery's {@code celery inspect}). */
@Command(name = "kpool", mixinStandardHelpOptions = true, version = "kpool 0.1.0",
        description = "Looks at a kpool deployment from outside: task states, lag, dead letters.",
        subcommands = InspectCommand.class,
        footer = {"", "Environment: KAFKA_BOOTSTRAP_SERVERS, any KAFKA_<PROPERTY>, any KPOOL_<SETTING>, KPOOL_CONFIG_FILE.",
                "Exit codes: 0 done, 1 failed, 2 bad usage or configuration."})
public final class KpoolCli {
    private KpoolCli() {
    }

    /** @param args the command line */
    public static void main(String[] args) {
        ServiceCommand.main(new KpoolCli(), args);
    }
}
