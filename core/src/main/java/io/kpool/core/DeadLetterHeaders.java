package io.kpool.core;

/**
 * The headers kpool adds to a record it moves to a dead-letter topic ({@code <topic>.DLT}), beside the
 * record's own headers, key and value, which are kept unchanged. Every value is UTF-8 text.
 */
public final class DeadLetterHeaders {
    /** The topic the record was read from. */
    public static final String SOURCE_TOPIC = "kpool-dlt-source-topic";
    /** Its partition, in decimal. */
    public static final String SOURCE_PARTITION = "kpool-dlt-source-partition";
    /** Its offset, in decimal. */
    public static final String SOURCE_OFFSET = "kpool-dlt-source-offset";
    /** Why it was rejected, e.g. {@code not valid JSON: ...}. */
    public static final String ERROR = "kpool-dlt-error";

    private DeadLetterHeaders() {
    }
}
