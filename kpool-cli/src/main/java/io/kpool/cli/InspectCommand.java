package io.kpool.cli;

import picocli.CommandLine.Command;

/** {@code kpool inspect}: one subcommand per question. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Answers one question about the pool; human output by default, --json for scripts.",
        subcommands = {InspectWorkers.class, InspectTask.class, InspectLag.class, InspectDeadLetters.class})
final class InspectCommand {
}
