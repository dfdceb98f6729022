package io.kpool.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the pool's records — task, task batch, result, result batch — with Jackson's
 * streaming API: the shapes the README documents, without building a tree or binding a record per
 * message on the hot path. Reading accepts the fields in any order, ignores unknown ones, and runs
 * under {@link Json}'s limits on nesting and sizes.
 *
 * <p>In a batch, the fields every entry shares are written once at the batch level: a task batch's
 * {@code submittedAt}, a result batch's {@code worker}, {@code startedAt} and {@code finishedAt}. An
 * entry that carries one of them itself keeps its own.
 */
final class PoolWire {
    /** Reads one value out of a message: what follows it is the message's, not trailing garbage. */
    private static final ObjectReader EMBEDDED_VALUE = Json.mapper().readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    // field names, encoded once
    private static final SerializableString ARGS = new SerializedString("args");
    private static final SerializableString BATCH = new SerializedString("batch");
    private static final SerializableString ERROR = new SerializedString("error");
    private static final SerializableString FINISHED_AT = new SerializedString("finishedAt");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString KWARGS = new SerializedString("kwargs");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString REMOTE_STACK = new SerializedString("remoteStack");
    private static final SerializableString RESULT = new SerializedString("result");
    private static final SerializableString RESULTS = new SerializedString("results");
    private static final SerializableString RUN_MICROS = new SerializedString("runMicros");
    private static final SerializableString STARTED_AT = new SerializedString("startedAt");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString SUBMITTED_AT = new SerializedString("submittedAt");
    private static final SerializableString TASK = new SerializedString("task");
    private static final SerializableString TASKS = new SerializedString("tasks");
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString WORKER = new SerializedString("worker");

    private PoolWire() {
    }

    // ---- tasks ------------------------------------------------------------------------------

    /** @return the value of a task record */
    static byte[] writeTask(TaskMessage task, String submittedAt) {
        return write(256, json -> writeTask(json, task, submittedAt));
    }

    /** @return the value of a task-batch record: {@code {"id", "submittedAt", "tasks": [...]}} */
    static byte[] writeTaskBatch(String id, List<TaskMessage> tasks, String submittedAt) {
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
        json.writeEndObject();
    }

    /**
     * @param value a task record's value
     * @return its task
     * @throws IOException if it is not JSON of the task shape
     */
    static TaskMessage readTask(byte[] value) throws IOException {
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
    static TaskBatch readTaskBatch(byte[] value) throws IOException {
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

    /** A task batch as read: its id and tasks. */
    record TaskBatch(String id, List<TaskMessage> tasks) {
    }

    /** Reads the fields of a task object whose START_OBJECT has been read, through its END_OBJECT. */
    private static TaskMessage readTask(JsonParser json, String defaultSubmittedAt) throws IOException {
        String id = null;
        String task = null;
        List<JsonNode> args = null;
        Map<String, JsonNode> kwargs = null;
        List<List<JsonNode>> batch = null;
        String submittedAt = defaultSubmittedAt;
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
                case "submittedAt" -> submittedAt = text(json, token, field);
                default -> json.skipChildren();
            }
        }
        return new TaskMessage(id, task, args, kwargs, batch, submittedAt);
    }

    // ---- results ----------------------------------------------------------------------------

    /** @return the value of a result record, the result complete with its worker and times */
    static byte[] writeResult(ResultMessage result) {
        return write(256, json -> writeResult(json, result, true));
    }

    /**
     * @return the value of a result-batch record: {@code {"id", "worker", "startedAt", "finishedAt",
     *     "results": [...]}}, the results in their tasks' order, each without the batch's shared fields
     */
    static byte[] writeResultBatch(String id, String worker, String startedAt, String finishedAt, List<ResultMessage> results) {
        return write(160 + 64 * results.size(), json -> {
            json.writeStartObject();
            writeString(json, ID, id);
            writeString(json, WORKER, worker);
            writeString(json, STARTED_AT, startedAt);
            writeString(json, FINISHED_AT, finishedAt);
            json.writeFieldName(RESULTS);
            json.writeStartArray();
            for (ResultMessage result : results) {
                writeResult(json, result, false);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeResult(JsonGenerator json, ResultMessage result, boolean whole) throws IOException {
        json.writeStartObject();
        writeString(json, ID, result.id());
        writeString(json, STATUS, result.status().name());
        if (result.status() == ResultMessage.Status.SUCCESS) {
            json.writeFieldName(RESULT);
            writeValue(json, result.result());
        } else {
            ResultMessage.Error error = result.error();
            json.writeFieldName(ERROR);
            json.writeStartObject();
            writeOptional(json, TYPE, error.type());
            writeOptional(json, MESSAGE, error.message());
            writeOptional(json, REMOTE_STACK, error.remoteStack());
            json.writeEndObject();
        }
        if (whole) {
            writeOptional(json, WORKER, result.worker());
            writeOptional(json, STARTED_AT, result.startedAt());
            writeOptional(json, FINISHED_AT, result.finishedAt());
        }
        if (result.runMicros() != null) {
            writeNumber(json, RUN_MICROS, result.runMicros());
        }
        json.writeEndObject();
    }

    /**
     * @param value a result or result-batch record's value
     * @param batched whether it is a result batch
     * @return its results, in order
     * @throws IOException if it is not JSON of that shape
     */
    static List<ResultMessage> readResults(byte[] value, boolean batched) throws IOException {
        try (JsonParser json = parser(value)) {
            expect(json, json.nextToken(), JsonToken.START_OBJECT, batched ? "a result batch" : "a result message");
            List<ResultMessage> results = batched ? readResultBatch(json) : List.of(readResult(json, null, null, null));
            expectEnd(json);
            return results;
        }
    }

    private static List<ResultMessage> readResultBatch(JsonParser json) throws IOException {
        String id = null;
        String worker = null;
        String startedAt = null;
        String finishedAt = null;
        boolean sharedAfterResults = false;
        List<ResultMessage> results = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            switch (field) {
                case "id" -> id = text(json, token, field);
                case "worker" -> {
                    worker = text(json, token, field);
                    sharedAfterResults |= results != null;
                }
                case "startedAt" -> {
                    startedAt = text(json, token, field);
                    sharedAfterResults |= results != null;
                }
                case "finishedAt" -> {
                    finishedAt = text(json, token, field);
                    sharedAfterResults |= results != null;
                }
                case "results" -> {
                    expect(json, token, JsonToken.START_ARRAY, "\"results\" as an array");
                    results = new ArrayList<>();
                    while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
                        expect(json, token, JsonToken.START_OBJECT, "each of \"results\" as an object");
                        results.add(readResult(json, worker, startedAt, finishedAt));
                    }
                }
                default -> json.skipChildren();
            }
        }
        if (id == null || results == null) {
            throw new IllegalArgumentException("result batch needs \"id\" and \"results\"");
        }
        if (sharedAfterResults) {
            String w = worker;
            String s = startedAt;
            String f = finishedAt;
            results.replaceAll(result -> result.withDefaults(w, s, f));
        }
        return results;
    }

    /** Reads the fields of a result object whose START_OBJECT has been read, through its END_OBJECT. */
    private static ResultMessage readResult(JsonParser json, String defaultWorker, String defaultStartedAt,
                                            String defaultFinishedAt) throws IOException {
        String id = null;
        ResultMessage.Status status = null;
        JsonNode result = null;
        ResultMessage.Error error = null;
        String worker = defaultWorker;
        String startedAt = defaultStartedAt;
        String finishedAt = defaultFinishedAt;
        Long runMicros = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            switch (field) {
                case "id" -> id = text(json, token, field);
                case "status" -> status = status(json, token);
                case "result" -> result = readValue(json, token);
                case "error" -> error = token == JsonToken.VALUE_NULL ? null : readError(json, token);
                case "worker" -> worker = text(json, token, field);
                case "startedAt" -> startedAt = text(json, token, field);
                case "finishedAt" -> finishedAt = text(json, token, field);
                case "runMicros" -> {
                    if (token != JsonToken.VALUE_NULL) {
                        expect(json, token, JsonToken.VALUE_NUMBER_INT, "\"runMicros\" as an integer");
                        runMicros = json.getLongValue();
                    }
                }
                default -> json.skipChildren();
            }
        }
        return new ResultMessage(id, status, result, error, worker, startedAt, finishedAt, runMicros);
    }

    private static ResultMessage.Status status(JsonParser json, JsonToken token) throws IOException {
        String text = text(json, token, "status");
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "SUCCESS" -> ResultMessage.Status.SUCCESS;
            case "FAILURE" -> ResultMessage.Status.FAILURE;
            default -> throw new IllegalArgumentException("\"status\" must be SUCCESS or FAILURE, got '" + text + "'");
        };
    }

    private static ResultMessage.Error readError(JsonParser json, JsonToken token) throws IOException {
        expect(json, token, JsonToken.START_OBJECT, "\"error\" as an object");
        String type = null;
        String message = null;
        String remoteStack = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "type" -> type = text(json, value, field);
                case "message" -> message = text(json, value, field);
                case "remoteStack" -> remoteStack = text(json, value, field);
                default -> json.skipChildren();
            }
        }
        return new ResultMessage.Error(type, message, remoteStack);
    }

    // ---- values -----------------------------------------------------------------------------

    /** Writes a JSON value; scalars straight to the generator, anything else through the mapper. */
    private static void writeValue(JsonGenerator json, JsonNode value) throws IOException {
        if (value == null || value.isNull()) {
            json.writeNull();
        } else if (value.isInt()) {
            json.writeNumber(value.intValue());
        } else if (value.isLong()) {
            json.writeNumber(value.longValue());
        } else if (value.isTextual()) {
            json.writeString(value.textValue());
        } else if (value.isBoolean()) {
            json.writeBoolean(value.booleanValue());
        } else {
            Json.mapper().writeTree(json, value);
        }
    }

    private static void writeArray(JsonGenerator json, List<JsonNode> values) throws IOException {
        json.writeStartArray();
        for (JsonNode value : values) {
            writeValue(json, value);
        }
        json.writeEndArray();
    }

    private static void writeString(JsonGenerator json, SerializableString field, String value) throws IOException {
        json.writeFieldName(field);
        json.writeString(value);
    }

    private static void writeNumber(JsonGenerator json, SerializableString field, long value) throws IOException {
        json.writeFieldName(field);
        json.writeNumber(value);
    }

    private static void writeOptional(JsonGenerator json, SerializableString field, String value) throws IOException {
        if (value != null) {
            writeString(json, field, value);
        }
    }

    /**
     * Reads the JSON value starting at {@code token}, leaving the parser on its last token; common
     * scalars without the mapper.
     */
    private static JsonNode readValue(JsonParser json, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NUMBER_INT -> switch (json.getNumberType()) {
                case INT -> Json.nodes().numberNode(json.getIntValue());
                case LONG -> Json.nodes().numberNode(json.getLongValue());
                default -> EMBEDDED_VALUE.readTree(json);
            };
            case VALUE_STRING -> Json.nodes().textNode(json.getText());
            case VALUE_TRUE, VALUE_FALSE -> Json.nodes().booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> Json.nodes().nullNode();
            default -> EMBEDDED_VALUE.readTree(json);
        };
    }

    private static List<JsonNode> readArray(JsonParser json, JsonToken token, String what) throws IOException {
        expect(json, token, JsonToken.START_ARRAY, what + " as an array");
        token = json.nextToken();
        if (token == JsonToken.END_ARRAY) {
            return List.of();
        }
        JsonNode first = readValue(json, token);
        token = json.nextToken();
        if (token == JsonToken.END_ARRAY) {
            return List.of(first); // the usual single argument, in the list TaskArguments keeps without copying
        }
        List<JsonNode> values = new ArrayList<>(4);
        values.add(first);
        for (; token != JsonToken.END_ARRAY; token = json.nextToken()) {
            values.add(readValue(json, token));
        }
        return values;
    }

    private static Map<String, JsonNode> readObject(JsonParser json, JsonToken token, String what) throws IOException {
        expect(json, token, JsonToken.START_OBJECT, what + " as an object");
        Map<String, JsonNode> values = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            values.put(name, readValue(json, json.nextToken()));
        }
        return values;
    }

    private static String text(JsonParser json, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string, got " + describe(token) + at(json));
        }
        return json.getText();
    }

    private static void expect(JsonParser json, JsonToken token, JsonToken expected, String what) {
        if (token != expected) {
            throw new IllegalArgumentException("expected " + what + ", got " + describe(token) + at(json));
        }
    }

    private static void expectEnd(JsonParser json) throws IOException {
        JsonToken trailing = json.nextToken();
        if (trailing != null) {
            throw new IllegalArgumentException("unexpected " + describe(trailing) + " after the message" + at(json));
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT, END_OBJECT -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() != null ? token.asString() : token.name();
        };
    }

    private static String at(JsonParser json) {
        return " (at line " + json.currentTokenLocation().getLineNr() + ", column " + json.currentTokenLocation().getColumnNr() + ")";
    }

    private static JsonParser parser(byte[] value) throws IOException {
        if (value == null) {
            throw new IllegalArgumentException("record has no value");
        }
        return Json.mapper().getFactory().createParser(value);
    }

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    /** @param sizeHint the expected size in bytes: one buffer of that size, no growing and copying on the way */
    private static byte[] write(int sizeHint, Writer writer) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(sizeHint)) {
            try (JsonGenerator json = Json.mapper().getFactory().createGenerator(bytes)) {
                writer.write(json);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a pool message", e);
        }
    }
}
