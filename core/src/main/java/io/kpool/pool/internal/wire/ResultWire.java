package io.kpool.pool.internal.wire;

import static io.kpool.pool.internal.wire.WireJson.expect;
import static io.kpool.pool.internal.wire.WireJson.expectEnd;
import static io.kpool.pool.internal.wire.WireJson.parser;
import static io.kpool.pool.internal.wire.WireJson.readValue;
import static io.kpool.pool.internal.wire.WireJson.text;
import static io.kpool.pool.internal.wire.WireJson.write;
import static io.kpool.pool.internal.wire.WireJson.writeNumber;
import static io.kpool.pool.internal.wire.WireJson.writeOptional;
import static io.kpool.pool.internal.wire.WireJson.writeString;
import static io.kpool.pool.internal.wire.WireJson.writeValue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.internal.kafka.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Result and result-batch records as the README's wire format has them, written and read with
 * Jackson's streaming API. Reading accepts the fields in any order and ignores unknown ones. A result
 * batch carries {@code worker}, {@code startedAt} and {@code finishedAt} once, for every result that
 * has none of its own.
 */
public final class ResultWire {
    // field names, encoded once
    private static final SerializableString ERROR = new SerializedString("error");
    private static final SerializableString FINISHED_AT = new SerializedString("finishedAt");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString REMOTE_STACK = new SerializedString("remoteStack");
    private static final SerializableString RESULT = new SerializedString("result");
    private static final SerializableString RESULTS = new SerializedString("results");
    private static final SerializableString RUN_MICROS = new SerializedString("runMicros");
    private static final SerializableString STARTED_AT = new SerializedString("startedAt");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString WORKER = new SerializedString("worker");
    private static final SerializableString ATTEMPTS = new SerializedString("attempts");
    private static final SerializableString RETRY_AT = new SerializedString("retryAt");
    private static final SerializableString HISTORY = new SerializedString("history");

    private static final com.fasterxml.jackson.databind.JavaType HISTORY_TYPE =
            Json.mapper().getTypeFactory().constructCollectionType(List.class, Attempts.Failure.class);

    private ResultWire() {
    }

    /** @return the value of a result record, the result complete with its worker and times */
    public static byte[] writeResult(ResultMessage result) {
        return write(256, json -> writeResult(json, result, true));
    }

    /**
     * @return the value of a result-batch record: {@code {"id", "worker", "startedAt", "finishedAt",
     *     "results": [...]}}, the results in their tasks' order, each without the batch's shared fields
     */
    public static byte[] writeResultBatch(String id, String worker, String startedAt, String finishedAt, List<ResultMessage> results) {
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
        if (result.retries() != null) {
            writeNumber(json, ATTEMPTS, result.retries().attempts());
            writeOptional(json, RETRY_AT, result.retries().retryAt());
            json.writeFieldName(HISTORY);
            writeValue(json, Json.toTree(result.retries().history()));
        }
        json.writeEndObject();
    }

    /**
     * @param value a result or result-batch record's value
     * @param batched whether it is a result batch
     * @return its results, in order
     * @throws IOException if it is not JSON of that shape
     */
    public static List<ResultMessage> readResults(byte[] value, boolean batched) throws IOException {
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
        Integer attempts = null;
        String retryAt = null;
        List<Attempts.Failure> history = null;
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
                case "attempts" -> {
                    expect(json, token, JsonToken.VALUE_NUMBER_INT, "\"attempts\" as an integer");
                    attempts = json.getIntValue();
                }
                case "retryAt" -> retryAt = text(json, token, field);
                case "history" -> history = token == JsonToken.VALUE_NULL ? null : Json.fromTree(readValue(json, token), HISTORY_TYPE);
                default -> json.skipChildren();
            }
        }
        ResultMessage.Retries retries = attempts == null ? null : new ResultMessage.Retries(attempts, retryAt, history);
        return new ResultMessage(id, status, result, error, worker, startedAt, finishedAt, runMicros, retries);
    }

    private static ResultMessage.Status status(JsonParser json, JsonToken token) throws IOException {
        String text = text(json, token, "status");
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "SUCCESS" -> ResultMessage.Status.SUCCESS;
            case "FAILURE" -> ResultMessage.Status.FAILURE;
            case "RETRY" -> ResultMessage.Status.RETRY;
            default -> throw new IllegalArgumentException("\"status\" must be SUCCESS, FAILURE or RETRY, got '" + text + "'");
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
}
