package io.kpool.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CommitFailureLogTest {
    private Instant now = Instant.parse("2026-11-30T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aBrokerOutageOfAMinuteLogsTheFirstFailureOneSummaryAndTheRecovery() {
        Logger logger = (Logger) LoggerFactory.getLogger("commit-failure-log-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
        CommitFailureLog log = CommitFailureLog.ofOffsetCommits(logger, "worker-1", clock);
        try {
            log.succeeded(); // no failure yet: nothing to say
            for (int i = 0; i < 1200; i++) { // a commit every 50 ms for 60 s
                log.failed(new TimeoutException("broker gone"));
                now = now.plus(Duration.ofMillis(50));
            }
            assertThat(log.failures()).isEqualTo(1200);
            log.succeeded();
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.WARN, Level.WARN, Level.INFO);
        assertThat(lines.list.get(0).getFormattedMessage()).startsWith("worker-1: an offset commit failed")
                .contains("broker gone");
        assertThat(lines.list.get(1).getFormattedMessage()).contains("600 more offset commits failed in the last 30 s");
        assertThat(lines.list.get(2).getFormattedMessage())
                .isEqualTo("worker-1: offset commits succeed again, after 1200 failed over 60000 ms");
        assertThat(log.failures()).isZero();
    }

    @Test
    void aZombiesRefusedTransactionsLogOneLineThenASummary() {
        Logger logger = (Logger) LoggerFactory.getLogger("commit-failure-log-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
        CommitFailureLog log = CommitFailureLog.ofTransactions(logger, "worker-1", clock);
        try {
            for (int i = 0; i < 40; i++) { // refused every 100 ms (the pacing) for 4 s
                log.failed(new org.apache.kafka.common.KafkaException("not the group's member"));
                now = now.plus(Duration.ofMillis(100));
            }
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getFormattedMessage())
                .isEqualTo("worker-1: a transaction failed; its records and offsets are sent again in the next one: "
                        + "org.apache.kafka.common.KafkaException: not the group's member");
    }
}
