package io.kpool.core.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The log lines of a run of failed commits, one member's: the first failure at WARN, then at most one
 * summary line per {@link #SUMMARY_INTERVAL} while commits keep failing (during a broker outage a commit
 * fails every 50 ms), and one INFO line when a commit succeeds again. Used on the poll thread only.
 */
final class CommitFailureLog {
    static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(30);

    private final Logger log;
    private final String clientId;
    private final Clock clock;
    private long failures;
    private long unreported;
    private Instant firstFailure;
    private Instant nextSummary;

    CommitFailureLog(Logger log, String clientId, Clock clock) {
        this.log = log;
        this.clientId = clientId;
        this.clock = clock;
    }

    /** @param error why a commit failed (it is sent again) */
    void failed(Exception error) {
        Instant now = clock.instant();
        failures++;
        if (failures == 1) {
            firstFailure = now;
            nextSummary = now.plus(SUMMARY_INTERVAL);
            log.warn("{}: an offset commit failed; commits are sent again until they succeed: {}", clientId, error.toString());
            return;
        }
        unreported++;
        if (!now.isBefore(nextSummary)) {
            log.warn("{}: {} more offset commits failed in the last {} s (failing since {}); still retrying: {}",
                    clientId, unreported, SUMMARY_INTERVAL.toSeconds(), firstFailure, error.toString());
            unreported = 0;
            nextSummary = now.plus(SUMMARY_INTERVAL);
        }
    }

    /** A commit succeeded: ends a run of failures, if there was one, with one line. */
    void succeeded() {
        if (failures == 0) {
            return;
        }
        log.info("{}: offset commits succeed again, after {} failed over {} ms", clientId, failures,
                Duration.between(firstFailure, clock.instant()).toMillis());
        failures = 0;
        unreported = 0;
    }

    /** @return the failures since the last success */
    long failures() {
        return failures;
    }
}
