package io.kpool.service;

import io.kpool.core.KpoolConfigException;
import io.kpool.core.KpoolException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine;

/**
 * Runs a service's picocli command with kpool's exit codes: 0 done, 1 failed (e.g. a join timed
 * out), 2 bad usage or configuration. Expected failures print one clear line, not a stack trace.
 */
public final class ServiceCommand {
    /** Exit code of a run that failed. */
    public static final int FAILED = 1;
    /** Exit code of bad usage or configuration. */
    public static final int USAGE = 2;

    /** The environment variable choosing the services' log format: {@code text} (the default) or {@code json}. */
    public static final String LOG_FORMAT_ENV = "KPOOL_LOG_FORMAT";

    private static volatile boolean exiting;

    private ServiceCommand() {
    }

    /**
     * Runs the command and exits the JVM with its exit code. The arguments and the console are UTF-8
     * whatever the machine's locale ({@link ProcessArguments}).
     *
     * @param command the annotated command object
     * @param args the process arguments
     */
    public static void main(Object command, String... args) {
        ProcessArguments.useUtf8Console();
        int code;
        try {
            checkLogFormat(System.getenv(LOG_FORMAT_ENV));
            code = run(command, ProcessArguments.utf8(args));
        } catch (IllegalArgumentException e) {
            System.err.println("Configuration error: " + e.getMessage());
            code = USAGE;
        }
        exiting = true;
        System.exit(code);
    }

    /**
     * @param format the value of {@value #LOG_FORMAT_ENV}, or null if unset
     * @throws IllegalArgumentException unless it is unset, {@code text} or {@code json} (logback has found no
     *     log configuration for it, so the service would log nothing)
     */
    static void checkLogFormat(String format) {
        if (format != null && !format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException(LOG_FORMAT_ENV + " must be 'text' or 'json', got '" + format + "'");
        }
    }

    /** @return true once the service's own main has decided to exit (not a signal) */
    static boolean isExiting() {
        return exiting;
    }

    /**
     * @param command the annotated command object
     * @param args the process arguments
     * @return the exit code
     */
    public static int run(Object command, String... args) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof KpoolConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println(cmd.getColorScheme().errorText("Configuration error: " + e.getMessage()));
                return USAGE;
            }
            if (e instanceof KpoolException || e instanceof KafkaException) { // Kafka's own say what failed, too
                cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandName() + " failed: " + e.getMessage()
                        + (e instanceof TimeoutException ? " (is Kafka running at the configured bootstrap.servers?)" : "")));
                return FAILED;
            }
            throw e;
        });
        return commandLine.execute(args);
    }
}
