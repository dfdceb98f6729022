package io.kpool.pool.internal.wire;

import io.kpool.core.internal.kafka.MessageType;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The headers of task and result records, besides {@link MessageType#HEADER}. */
public final class PoolHeaders {
    /** Task header: the topic the result goes to. */
    public static final String REPLY_TOPIC = "kpool-reply-topic";
    /** Task header: the partition of that topic the result goes to (decimal). */
    public static final String REPLY_PARTITION = "kpool-reply-partition";
    /** Task and result header: ties a result to its task (the task id). */
    public static final String CORRELATION_ID = "kpool-correlation-id";
    /** Task and result header: the submitting client, so clients sharing a reply partition skip each other's results. */
    public static final String CLIENT_ID = "kpool-client-id";
    /** Task header: which attempt this record's run is, from 1 (absent: 1). */
    public static final String ATTEMPT = "kpool-attempt";
    /** Task header: when the task's first attempt failed, ISO-8601. */
    public static final String FIRST_FAILURE_AT = "kpool-first-failure-at";
    /** Task header: the last failure, {@code <exception type>: <message>} (at most 500 characters). */
    public static final String LAST_ERROR = "kpool-last-error";
    /** Retry record header: when the retry is due, ISO-8601; the delay tier holds it until then. */
    public static final String DUE_AT = "kpool-due-at";
    /** Task header: the failed attempts, a JSON array of {@code {"attempt", "failedAt", "type", "message"}} (the last 10). */
    public static final String RETRY_HISTORY = "kpool-retry-history";

    private PoolHeaders() {
    }

    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
