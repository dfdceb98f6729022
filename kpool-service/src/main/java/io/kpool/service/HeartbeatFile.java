package io.kpool.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file a service's main loop rewrites every few seconds, so that a container health check needs nothing but
 * coreutils: {@code test -n "$(find /tmp/kpool-alive -mmin -1)"} is true while the loop runs. A service whose
 * loop hangs or has ended stops rewriting it; {@link #close()} deletes it.
 *
 * <p>On when the system property {@value #PROPERTY} names the file (kpool's images set it to
 * {@code /tmp/kpool-alive}); otherwise every call does nothing. Use it from one thread, the main loop's.
 */
public final class HeartbeatFile implements AutoCloseable {
    /** The system property naming the file. */
    public static final String PROPERTY = "kpool.heartbeat.file";
    /** How often {@link #beat()} rewrites the file at most. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatFile.class);

    private final Path file;
    private final Clock clock;
    private final Duration interval;
    private Instant lastBeat;
    private boolean failureLogged;

    private HeartbeatFile(Path file, Clock clock, Duration interval) {
        this.file = file;
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * @return a heartbeat on the file named by {@value #PROPERTY}, or one that does nothing if it is not set
     */
    public static HeartbeatFile fromSystemProperty() {
        String name = System.getProperty(PROPERTY, "").trim();
        return name.isEmpty() ? new HeartbeatFile(null, Clock.systemUTC(), INTERVAL) : at(Path.of(name), Clock.systemUTC(), INTERVAL);
    }

    /**
     * @param file the file to rewrite
     * @param clock the time source
     * @param interval the shortest time between two writes
     * @return a heartbeat on {@code file}
     */
    public static HeartbeatFile at(Path file, Clock clock, Duration interval) {
        if (file == null || clock == null || interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("file, clock and a non-negative interval are required");
        }
        return new HeartbeatFile(file, clock, interval);
    }

    /** Says "alive": rewrites the file with the current time, unless it did so less than the interval ago. */
    public void beat() {
        if (file == null) {
            return;
        }
        Instant now = clock.instant();
        if (lastBeat != null && Duration.between(lastBeat, now).compareTo(interval) < 0) {
            return;
        }
        try {
            Files.writeString(file, now + "\n", StandardCharsets.UTF_8);
            lastBeat = now;
        } catch (IOException e) {
            if (!failureLogged) { // the health check reports it from now on; one log line is enough
                LOG.warn("Cannot write the heartbeat file {} ({}); a health check on it will fail", file, e.toString());
                failureLogged = true;
            }
        }
    }

    /** Deletes the file: a service that has stopped is not alive. */
    @Override
    public void close() {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete the heartbeat file {} ({})", file, e.toString());
        }
    }
}
