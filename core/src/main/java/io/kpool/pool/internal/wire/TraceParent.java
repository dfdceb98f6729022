package io.kpool.pool.internal.wire;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C Trace Context's {@code traceparent} ({@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}): a client
 * puts one on each task record (header {@value PoolHeaders#TRACEPARENT}), the worker has it in the MDC while it runs
 * the record's tasks and copies it onto the result record, so a trace's log lines line up across JVMs.
 */
public final class TraceParent {
    /** The MDC key holding the current {@code traceparent}: a client reads it, a worker sets it. */
    public static final String MDC_KEY = "traceparent";

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private TraceParent() {
    }

    /**
     * @param parent the caller's {@code traceparent}, or null
     * @return a {@code traceparent} for a new span: in the caller's trace (same trace id and flags) if it is valid,
     *     else in a new, sampled trace
     */
    public static String child(String parent) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String span = hex(random.nextLong() | 1, 16);
        if (parent != null) {
            var matcher = FORMAT.matcher(parent.trim().toLowerCase(Locale.ROOT));
            if (matcher.matches() && !matcher.group(1).matches("0+")) {
                return "00-" + matcher.group(1) + "-" + span + "-" + matcher.group(3);
            }
        }
        return "00-" + hex(random.nextLong() | 1, 16) + hex(random.nextLong(), 16) + "-" + span + "-01";
    }

    /**
     * @param value a header's text, or null
     * @return it if it is a valid {@code traceparent}, else null (a record cannot put anything else in the MDC)
     */
    public static String valid(String value) {
        return value != null && FORMAT.matcher(value).matches() ? value : null;
    }

    private static String hex(long value, int digits) {
        String text = Long.toHexString(value);
        return "0".repeat(digits - text.length()) + text;
    }
}
