package io.kpool.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatFileTest {
    private static final Instant START = Instant.parse("2026-11-26T15:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    @Test
    void theFirstBeatWritesTheFileWithTheCurrentTime() throws Exception {
        Path file = dir.resolve("alive");
        HeartbeatFile heartbeat = HeartbeatFile.at(file, clock, Duration.ofSeconds(5));

        heartbeat.beat();

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(START + "\n");
    }

    @Test
    void beatsWithinTheIntervalDoNotRewriteTheFileButTheNextOneAfterItDoes() throws Exception {
        Path file = dir.resolve("alive");
        HeartbeatFile heartbeat = HeartbeatFile.at(file, clock, Duration.ofSeconds(5));
        heartbeat.beat();

        clock.advance(Duration.ofSeconds(4));
        heartbeat.beat();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(START + "\n");

        clock.advance(Duration.ofSeconds(1));
        heartbeat.beat();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(START.plusSeconds(5) + "\n");
    }

    @Test
    void closeDeletesTheFileSoAStoppedServiceIsNotSeenAlive() {
        Path file = dir.resolve("alive");
        HeartbeatFile heartbeat = HeartbeatFile.at(file, clock, Duration.ofSeconds(5));
        heartbeat.beat();

        heartbeat.close();

        assertThat(file).doesNotExist();
    }

    @Test
    void aFileThatCannotBeWrittenNeitherThrowsNorStopsTheService() {
        HeartbeatFile heartbeat = HeartbeatFile.at(dir.resolve("missing-dir").resolve("alive"), clock, Duration.ZERO);

        assertThatCode(() -> {
            heartbeat.beat();
            heartbeat.beat();
            heartbeat.close();
        }).doesNotThrowAnyException();
    }

    @Test
    void withoutTheSystemPropertyNothingIsWritten() {
        String before = System.clearProperty(HeartbeatFile.PROPERTY);
        try (HeartbeatFile heartbeat = HeartbeatFile.fromSystemProperty()) {
            heartbeat.beat();
        } finally {
            if (before != null) {
                System.setProperty(HeartbeatFile.PROPERTY, before);
            }
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void theSystemPropertyNamesTheFile() {
        Path file = dir.resolve("from-property");
        System.setProperty(HeartbeatFile.PROPERTY, file.toString());
        try (HeartbeatFile heartbeat = HeartbeatFile.fromSystemProperty()) {
            heartbeat.beat();
            assertThat(file).exists();
        } finally {
            System.clearProperty(HeartbeatFile.PROPERTY);
        }
        assertThat(file).doesNotExist();
    }

    private static final class MutableClock extends Clock {
        private Instant now = START;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
