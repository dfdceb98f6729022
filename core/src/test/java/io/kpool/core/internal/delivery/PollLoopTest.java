package io.kpool.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kpool.core.KpoolException;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(10)
class PollLoopTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("poll-loop-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    @Test
    void aLoopThatReturnsOrIsWokenByStopIsNoFailure() {
        assertThat(PollLoop.run("Consumer c1", logger, () -> true, () -> { })).isNull();
        assertThat(PollLoop.run("Consumer c1", logger, () -> false, () -> {
            throw new WakeupException();
        })).isNull();
        assertThat(lines.list).isEmpty();
    }

    @Test
    void aWakeupWhileStillRunningIsAFailureThatNamesTheMember() {
        WakeupException wakeup = new WakeupException();

        RuntimeException failure = PollLoop.run("Share consumer c2", logger, () -> true, () -> {
            throw wakeup;
        });

        assertThat(failure).isInstanceOf(KpoolException.class).hasMessage("Share consumer c2 was woken up unexpectedly")
                .hasCause(wakeup);
        assertThat(lines.list).isEmpty();
    }

    @Test
    void anyOtherExceptionIsAFailureLoggedOnceAsTheMemberLeavingItsGroup() {
        IllegalStateException broken = new IllegalStateException("broker said no");

        RuntimeException failure = PollLoop.run("Consumer c3", logger, () -> true, () -> {
            throw broken;
        });

        assertThat(failure).isInstanceOf(KpoolException.class).hasMessage("Consumer c3 failed: broker said no").hasCause(broken);
        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.ERROR);
            assertThat(line.getFormattedMessage()).isEqualTo("Consumer c3 failed; it stops and leaves the group");
            assertThat(line.getThrowableProxy().getMessage()).isEqualTo("broker said no");
        });
    }
}
