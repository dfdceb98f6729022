package io.kpool.core.internal.kafka;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Now as ISO-8601 UTC text with milliseconds ({@code 2026-11-26T15:20:01.123Z}), as the wire's
 * timestamps are. Formatting through {@link DateTimeFormatter} costs a microsecond, more than a
 * quick task itself; this formats the seconds part once per second per thread.
 */
public final class IsoTime {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final ThreadLocal<Cache> CACHE = ThreadLocal.withInitial(Cache::new);

    private IsoTime() {
    }

    /** @return the current time, e.g. {@code 2026-11-26T15:20:01.123Z} */
    public static String now() {
        long millis = System.currentTimeMillis();
        long second = Math.floorDiv(millis, 1000);
        Cache cache = CACHE.get();
        if (cache.second != second) {
            cache.second = second;
            cache.prefix = SECONDS.format(Instant.ofEpochSecond(second));
        }
        int fraction = Math.floorMod(millis, 1000);
        return cache.prefix + '.' + (char) ('0' + fraction / 100) + (char) ('0' + fraction / 10 % 10) + (char) ('0' + fraction % 10) + 'Z';
    }

    private static final class Cache {
        private long second = Long.MIN_VALUE;
        private String prefix;
    }
}
