package io.kpool.pool.internal.wire;

import com.fasterxml.jackson.core.type.TypeReference;
import io.kpool.core.internal.kafka.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/**
 * Where a task stands in its attempts, carried by its record's headers so that no worker keeps it in
 * memory: a worker killed between attempts, or a rebalance, loses nothing. A record without these
 * headers is a task's first attempt.
 *
 * @param attempt which attempt the record's run is, from 1 ({@link PoolHeaders#ATTEMPT})
 * @param firstFailureAt when its first attempt failed, ISO-8601; null before any failure
 * @param lastError the last failure as {@code type: message}; null before any failure
 * @param dueAt when a retry record is due, ISO-8601; null if none
 * @param history the failed attempts, oldest first (at most {@link #MAX_HISTORY}, the newest kept)
 */
public record Attempts(int attempt, String firstFailureAt, String lastError, String dueAt, List<Failure> history) {
    /** A task's first attempt. */
    public static final Attempts FIRST = new Attempts(1, null, null, null, List.of());
    /** The headers of attempts, which a fresh first attempt leaves out. */
    public static final List<String> HEADERS = List.of(PoolHeaders.ATTEMPT, PoolHeaders.FIRST_FAILURE_AT, PoolHeaders.LAST_ERROR,
            PoolHeaders.DUE_AT, PoolHeaders.RETRY_HISTORY);
    /** The most failed attempts the history keeps. */
    static final int MAX_HISTORY = 10;
    /** The longest error message a header keeps. */
    static final int MAX_MESSAGE_CHARS = 500;

    /**
     * One failed attempt.
     *
     * @param attempt its number
     * @param failedAt when, ISO-8601
     * @param type the exception's class name
     * @param message its message, cut to {@value #MAX_MESSAGE_CHARS} characters; may be null
     */
    public record Failure(int attempt, String failedAt, String type, String message) {
        /** Cuts the message. */
        public Failure {
            message = cut(message);
        }

        /** @return {@code attempt 1 at <time>: <type>: <message>} */
        public String describe() {
            return "attempt " + attempt + " at " + failedAt + ": " + type + (message == null ? "" : ": " + message);
        }
    }

    /** Validates the attempt number. */
    public Attempts {
        if (attempt < 1) {
            throw new IllegalArgumentException("header " + PoolHeaders.ATTEMPT + " must be at least 1, got " + attempt);
        }
        history = List.copyOf(history);
    }

    /**
     * @param headers a task record's headers
     * @return its attempts ({@link #FIRST} without the headers); an unreadable history is left out
     * @throws IllegalArgumentException if the attempt header is no number of at least 1
     */
    public static Attempts read(Headers headers) {
        String attempt = PoolHeaders.text(headers, PoolHeaders.ATTEMPT);
        if (attempt == null) {
            return FIRST;
        }
        int number;
        try {
            number = Integer.parseInt(attempt.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("header " + PoolHeaders.ATTEMPT + " must be an attempt number, got '" + attempt + "'");
        }
        List<Failure> history;
        try {
            String text = PoolHeaders.text(headers, PoolHeaders.RETRY_HISTORY);
            history = text == null ? List.of() : Json.mapper().readValue(text, new TypeReference<List<Failure>>() { });
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            history = List.of(); // informational: a bad history loses the history, not the task
        }
        return new Attempts(number, PoolHeaders.text(headers, PoolHeaders.FIRST_FAILURE_AT),
                PoolHeaders.text(headers, PoolHeaders.LAST_ERROR), PoolHeaders.text(headers, PoolHeaders.DUE_AT), history);
    }

    /** Replaces the attempt headers of {@code headers} with these (none for a first attempt without history). */
    public void write(Headers headers) {
        for (String name : HEADERS) {
            headers.remove(name);
        }
        PoolHeaders.add(headers, PoolHeaders.ATTEMPT, Integer.toString(attempt));
        PoolHeaders.add(headers, PoolHeaders.FIRST_FAILURE_AT, firstFailureAt);
        PoolHeaders.add(headers, PoolHeaders.LAST_ERROR, lastError);
        PoolHeaders.add(headers, PoolHeaders.DUE_AT, dueAt);
        if (!history.isEmpty()) {
            headers.add(PoolHeaders.RETRY_HISTORY, Json.toTree(history).toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * @param at when this attempt failed, ISO-8601
     * @param type the exception's class name
     * @param message its message, may be null
     * @return these attempts with this one's failure recorded (same attempt number, no due time)
     */
    public Attempts failed(String at, String type, String message) {
        List<Failure> more = new ArrayList<>(history);
        more.add(new Failure(attempt, at, type, message));
        List<Failure> kept = more.subList(Math.max(0, more.size() - MAX_HISTORY), more.size());
        return new Attempts(attempt, firstFailureAt != null ? firstFailureAt : at, cut(type + (message == null ? "" : ": " + message)),
                null, kept);
    }

    /**
     * @param due when the next attempt is due, ISO-8601
     * @return the next attempt's headers
     */
    public Attempts next(String due) {
        return new Attempts(attempt + 1, firstFailureAt, lastError, due, history);
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
}
