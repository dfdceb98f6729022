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
        char[] text = new char[55];
        "00-".getChars(0, 3, text, 0);
        text[35] = '-';
        text[52] = '-';
        hex(random.nextLong() | 1, text, 36);
        if (parent != null) {
            var matcher = FORMAT.matcher(parent.trim().toLowerCase(Locale.ROOT));
            if (matcher.matches() && !matcher.group(1).matches("0+")) {
                matcher.group(1).getChars(0, 32, text, 3);
                matcher.group(3).getChars(0, 2, text, 53);
                return new String(text);
            }
        }
        hex(random.nextLong() | 1, text, 3);
        hex(random.nextLong(), text, 19);
        text[53] = '0';
        text[54] = '1';
        return new String(text);
    }

    /**
     * @param value a header's text, or null
     * @return it if it is a valid {@code traceparent}, else null (a record cannot put anything else in the MDC)
     */
    public static String valid(String value) {
        return value != null && FORMAT.matcher(value).matches() ? value : null;
    }

    /** Writes the 16 lower-case hex digits of {@code value} into {@code text} from {@code at}. */
    private static void hex(long value, char[] text, int at) {
        for (int i = 15; i >= 0; i--) {
            text[at + i] = Character.forDigit((int) (value & 0xf), 16);
            value >>>= 4;
        }
    }
}
