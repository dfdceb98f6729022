package io.kpool.pool.internal.wire;

import static io.kpool.pool.internal.wire.WireJson.expect;
import static io.kpool.pool.internal.wire.WireJson.expectEnd;
import static io.kpool.pool.internal.wire.WireJson.parser;
import static io.kpool.pool.internal.wire.WireJson.readArray;
import static io.kpool.pool.internal.wire.WireJson.readObject;
import static io.kpool.pool.internal.wire.WireJson.text;
import static io.kpool.pool.internal.wire.WireJson.write;
import static io.kpool.pool.internal.wire.WireJson.writeArray;
import static io.kpool.pool.internal.wire.WireJson.writeString;
import static io.kpool.pool.internal.wire.WireJson.writeValue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Task and task-batch records as the README's wire format has them, written and read with Jackson's
 * streaming API: no tree or data binding per message on the hot path. Reading accepts the fields in
 * any order and ignores unknown ones. A task batch carries its {@code submittedAt} once, for every
 * task that has none of its own.
 */
public final class TaskWire {
    // field names, encoded once
    private static final SerializableString ARGS = new SerializedString("args");
    private static final SerializableString BATCH = new SerializedString("batch");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString KWARGS = new SerializedString("kwargs");
    private static final SerializableString SUBMITTED_AT = new SerializedString("submittedAt");
    private static final SerializableString EXPIRES_AT = new SerializedString("expiresAt");
    private static final SerializableString TIME_LIMIT_MS = new SerializedString("timeLimitMs");
    private static final SerializableString TASK = new SerializedString("task");
    private static final SerializableString TASKS = new SerializedString("tasks");
    private static final SerializableString RETRY = new SerializedString("retry");

    private TaskWire() {
    }

    /** @return the value of a task record */
    public static byte[] writeTask(TaskMessage task, String submittedAt) {
        return write(256, json -> writeTask(json, task, submittedAt));
    }

    /** @return the value of a task-batch record: {@code {"id", "submittedAt", "tasks": [...]}} */
    public static byte[] writeTaskBatch(String id, List<TaskMessage> tasks, String submittedAt) {
        return write(128 + 64 * tasks.size(), json -> {
            json.writeStartObject();
            writeString(json, ID, id);
            writeString(json, SUBMITTED_AT, submittedAt);
            json.writeFieldName(TASKS);
            json.writeStartArray();
            for (TaskMessage task : tasks) {
                writeTask(json, task, task.submittedAt());
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeTask(JsonGenerator json, TaskMessage task, String submittedAt) throws IOException {
        json.writeStartObject();
        writeString(json, ID, task.id());
        writeString(json, TASK, task.task());
        if (task.batch() != null) {
            json.writeFieldName(BATCH);
            json.writeStartArray();
            for (List<JsonNode> args : task.batch()) {
                writeArray(json, args);
            }
            json.writeEndArray();
        } else {
            json.writeFieldName(ARGS);
            writeArray(json, task.args());
        }
        if (!task.kwargs().isEmpty()) {
            json.writeFieldName(KWARGS);
            json.writeStartObject();
            for (Map.Entry<String, JsonNode> kwarg : task.kwargs().entrySet()) {
                json.writeFieldName(kwarg.getKey());
                writeValue(json, kwarg.getValue());
            }
            json.writeEndObject();
        }
        if (submittedAt != null) {
            writeString(json, SUBMITTED_AT, submittedAt);
        }
        if (task.expiresAt() != null) {
            writeString(json, EXPIRES_AT, Instant.ofEpochMilli(task.expiresAt()).toString());
        }
        if (task.timeLimitMs() != null) {
            json.writeFieldName(TIME_LIMIT_MS);
            json.writeNumber(task.timeLimitMs());
        }
        if (task.retry() != null) {
            json.writeFieldName(RETRY);
            writeValue(json, task.retry().toJson());
        }
        json.writeEndObject();
    }

    /**
     * @param value a task record's value
     * @return its task
     * @throws IOException if it is not JSON of the task shape
     */
    public static TaskMessage readTask(byte[] value) throws IOException {
        try (JsonParser json = parser(value)) {
            expect(json, json.nextToken(), JsonToken.START_OBJECT, "a task message");
            TaskMessage task = readTask(json, null);
            expectEnd(json);
            return task;
        }
    }

    /**
     * @param value a task-batch record's value
     * @return the batch id and its tasks, in order
     * @throws IOException if it is not JSON of the task-batch shape
     */
    public static TaskBatch readTaskBatch(byte[] value) throws IOException {
        try (JsonParser json = parser(value)) {
            expect(json, json.nextToken(), JsonToken.START_OBJECT, "a task batch");
            String id = null;
            String submittedAt = null;
            boolean sharedAfterTasks = false;
            List<TaskMessage> tasks = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken token = json.nextToken();
                switch (field) {
                    case "id" -> id = text(json, token, field);
                    case "submittedAt" -> {
                        submittedAt = text(json, token, field);
                        sharedAfterTasks |= tasks != null;
                    }
                    case "tasks" -> {
                        expect(json, token, JsonToken.START_ARRAY, "\"tasks\" as an array");
                        tasks = new ArrayList<>();
                        while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
                            expect(json, token, JsonToken.START_OBJECT, "each of \"tasks\" as an object");
                            tasks.add(readTask(json, submittedAt));
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            expectEnd(json);
            if (id == null || id.isBlank() || tasks == null || tasks.isEmpty()) {
                throw new IllegalArgumentException("task batch needs an \"id\" and at least one task in \"tasks\"");
            }
            if (sharedAfterTasks) {
                String shared = submittedAt;
                tasks.replaceAll(task -> task.submittedAt() != null ? task : task.withSubmittedAt(shared));
            }
            return new TaskBatch(id, tasks);
        }
    }

    /** {@code "submittedAt"} is informational: a string is kept, anything else is skipped, never rejected. */
    private static String informational(JsonParser json, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return json.getText();
        }
        json.skipChildren();
        return null;
    }

    /**
     * {@code "expiresAt"}: an ISO-8601 instant ({@code 2026-11-30T10:15:30Z}, with an offset, or without one,
     * read as UTC, as Python's {@code datetime.isoformat()} writes it), or epoch milliseconds; null for never.
     */
    private static Long instant(JsonParser json, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return integer(json, token, "expiresAt");
        }
        String text = text(json, token, "expiresAt");
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("\"expiresAt\" must be an ISO-8601 time or epoch milliseconds, got '" + text + "'");
            }
        } catch (ArithmeticException e) { // parsed, but beyond what epoch milliseconds hold
            throw new IllegalArgumentException("\"expiresAt\" must be an ISO-8601 time or epoch milliseconds, got '" + text + "'");
        }
    }

    private static long integer(JsonParser json, JsonToken token, String field) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new IllegalArgumentException("\"" + field + "\" must be an integer, got " + json.getText());
        }
        return json.getLongValue();
    }

    /** A task batch as read: its id and tasks. */
    public record TaskBatch(String id, List<TaskMessage> tasks) {
    }

    /** Reads the fields of a task object whose START_OBJECT has been read, through its END_OBJECT. */
    private static TaskMessage readTask(JsonParser json, String defaultSubmittedAt) throws IOException {
        String id = null;
        String task = null;
        List<JsonNode> args = null;
        Map<String, JsonNode> kwargs = null;
        List<List<JsonNode>> batch = null;
        String submittedAt = defaultSubmittedAt;
        Long expiresAt = null;
        Long timeLimitMs = null;
        RetrySpec retry = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            switch (field) {
                case "id" -> id = text(json, token, field);
                case "task" -> task = text(json, token, field);
                case "args" -> args = token == JsonToken.VALUE_NULL ? null : readArray(json, token, "\"args\"");
                case "kwargs" -> kwargs = token == JsonToken.VALUE_NULL ? null : readObject(json, token, "\"kwargs\"");
                case "batch" -> {
                    if (token != JsonToken.VALUE_NULL) {
                        expect(json, token, JsonToken.START_ARRAY, "\"batch\" as an array of argument lists");
                        batch = new ArrayList<>();
                        while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
                            batch.add(readArray(json, token, "each of \"batch\""));
                        }
                    }
                }
                case "submittedAt" -> submittedAt = informational(json, token);
                case "expiresAt" -> expiresAt = instant(json, token);
                case "timeLimitMs" -> timeLimitMs = token == JsonToken.VALUE_NULL ? null : integer(json, token, field);
                case "retry" -> retry = token == JsonToken.VALUE_NULL ? null : RetrySpec.fromJson(readObject(json, token, "\"retry\""));
                default -> json.skipChildren();
            }
        }
        return new TaskMessage(id, task, args, kwargs, batch, submittedAt, expiresAt, timeLimitMs, retry);
    }
}
