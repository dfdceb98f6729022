package io.kpool.core;

/**
 * The headers kpool adds to a record it moves to a dead-letter topic ({@code <topic>.DLT}), beside the
 * record's own headers, key and value, which are kept unchanged unless the record is too large for the
 * dead-letter topic (then the value is cut to 64 KiB, and if need be key and value to 1 KiB with the
 * record's own headers dropped, each cut named by a header below). Every header value is UTF-8 text.
 */
public final class DeadLetterHeaders {
    /** The topic the record was read from. */
    public static final String SOURCE_TOPIC = "kpool-dlt-source-topic";
    /** Its partition, in decimal. */
    public static final String SOURCE_PARTITION = "kpool-dlt-source-partition";
    /** Its offset, in decimal. */
    public static final String SOURCE_OFFSET = "kpool-dlt-source-offset";
    /** Why it was rejected, e.g. {@code not valid JSON: ...} (at most 4,000 characters). */
    public static final String ERROR = "kpool-dlt-error";
    /** Present when the record was too large for the dead-letter topic: the value's original length; the value is cut. */
    public static final String VALUE_CUT_FROM = "kpool-dlt-value-cut-from";
    /** Present when even the cut record did not fit: the key's original length; the key is cut to 1,024 bytes. */
    public static final String KEY_CUT_FROM = "kpool-dlt-key-cut-from";
    /** Present when even the cut record did not fit: how many of the record's own headers were dropped. */
    public static final String HEADERS_DROPPED = "kpool-dlt-headers-dropped";

    private DeadLetterHeaders() {
    }
}
