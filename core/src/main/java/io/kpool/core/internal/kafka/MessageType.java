package io.kpool.core.internal.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What a record is, carried in the {@value #HEADER} header. Payload content never makes a record a
 * poison pill: only this header does.
 */
public enum MessageType {
    /** An item on a queue. */
    QUEUE_ITEM("queue-item"),
    /** The end of one partition's stream: the consumer owning it stops taking from it. */
    POISON_PILL("poison-pill"),
    /** A task for the pool workers. */
    TASK("task"),
    /** A task's result, on the callback topic. */
    RESULT("result"),
    /** Several quick tasks of one client in one record ({@code {"id", "tasks": [task, ...]}}). */
    TASK_BATCH("task-batch"),
    /** The results of a task batch, in its order ({@code {"id", "results": [result, ...]}}). */
    RESULT_BATCH("result-batch"),
    /** A task's latest state, on the compacted state topic keyed by task id; a tombstone forgets it. */
    TASK_STATE("task-state"),
    /** A question to every live pool worker, on the control topic ({@code {"id", "command"}}). */
    INSPECT_REQUEST("inspect-request"),
    /** A worker's answer to an inspect request, on the control topic (a {@code WorkerInfo}). */
    INSPECT_REPLY("inspect-reply");

    /** The header naming the message type. */
    public static final String HEADER = "kpool-type";

    private static final MessageType[] TYPES = values();

    private final String wireName;
    private final byte[] wireBytes;

    MessageType(String wireName) {
        this.wireName = wireName;
        this.wireBytes = wireName.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the header value on the wire */
    public String wireName() {
        return wireName;
    }

    /** @return the header value as bytes */
    public byte[] headerValue() {
        return wireName.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param headers a record's headers
     * @param absent the type of a record without the header (foreign clients may omit it)
     * @return the type, or empty if the header names no known type
     */
    public static Optional<MessageType> of(Headers headers, MessageType absent) {
        Header header = headers.lastHeader(HEADER);
        if (header == null || header.value() == null) {
            return Optional.of(absent);
        }
        byte[] name = header.value(); // compared as bytes: every record of a stream is read through here
        for (MessageType type : TYPES) {
            if (Arrays.equals(type.wireBytes, name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
