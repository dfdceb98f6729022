package io.kpool.it;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** What the broker fault tests share: they start their own kafka-local processes, whatever broker the suite runs on. */
final class BrokerFaults {
    private BrokerFaults() {
    }

    /** Skips a broker fault test on the Docker stage: it starts its own kafka-local processes and ran on the first stage. */
    static void assumeNotOnDockerStage() {
        assumeFalse("docker".equals(System.getProperty("kpool.test.broker")),
                "broker fault tests kill kafka-local processes of their own, not the Testcontainers broker;"
                        + " they already ran in the stage without -Dkpool.test.broker=docker");
    }
}
