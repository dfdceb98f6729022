package io.kpool.core.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The log lines of a run of failed commits, one member's: the first failure at WARN, then at most one
 * summary line per {@link #SUMMARY_INTERVAL} while commits keep failing (during a broker outage a commit
 * fails every 50 ms; a zombie's transactions are refused as often as they are paced), and one INFO line when
 * a commit succeeds again. Used on the poll thread only.
 */
final class CommitFailureLog {
    static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(30);

    private final Logger log;
    private final String clientId;
    private final String one;
    private final String many;
    private final String retried;
    private final Clock clock;
    private long failures;
    private long unreported;
    private Instant firstFailure;
    private Instant nextSummary;

    private CommitFailureLog(Logger log, String clientId, Clock clock, String one, String many, String retried) {
        this.log = log;
        this.clientId = clientId;
        this.clock = clock;
        this.one = one;
        this.many = many;
        this.retried = retried;
    }

    /** @return the log of an at-least-once member's offset commits */
    static CommitFailureLog ofOffsetCommits(Logger log, String clientId, Clock clock) {
        return new CommitFailureLog(log, clientId, clock, "an offset commit", "offset commits",
                "commits are sent again until they succeed");
    }

    /** @return the log of an exactly-once member's transactions (records and offsets) */
    static CommitFailureLog ofTransactions(Logger log, String clientId, Clock clock) {
        return new CommitFailureLog(log, clientId, clock, "a transaction", "transactions",
                "its records and offsets are sent again in the next one");
    }

    /** @param error why a commit failed (it is sent again) */
    void failed(Exception error) {
        Instant now = clock.instant();
        failures++;
        if (failures == 1) {
            firstFailure = now;
            nextSummary = now.plus(SUMMARY_INTERVAL);
            log.warn("{}: {} failed; {}: {}", clientId, one, retried, error.toString());
            return;
        }
        unreported++;
        if (!now.isBefore(nextSummary)) {
            log.warn("{}: {} more {} failed in the last {} s (failing since {}); still retrying: {}",
                    clientId, unreported, many, SUMMARY_INTERVAL.toSeconds(), firstFailure, error.toString());
            unreported = 0;
            nextSummary = now.plus(SUMMARY_INTERVAL);
        }
    }

    /** A commit succeeded: ends a run of failures, if there was one, with one line. */
    void succeeded() {
        if (failures == 0) {
            return;
        }
        log.info("{}: {} succeed again, after {} failed over {} ms", clientId, many, failures,
                Duration.between(firstFailure, clock.instant()).toMillis());
        failures = 0;
        unreported = 0;
    }

    /** @return the failures since the last success */
    long failures() {
        return failures;
    }
}
