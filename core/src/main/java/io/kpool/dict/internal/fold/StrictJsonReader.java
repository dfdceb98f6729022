package io.kpool.dict.internal.fold;

import io.kpool.core.RecordText;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a record's bytes as exactly one RFC 8259 JSON text, under the {@link WireLimits}: strict UTF-8,
 * no byte-order mark, no duplicate field names, valid Unicode in every string, no number beyond the
 * 64-bit floating-point range. The parser's own limits sit above ours, so every rejection is by a
 * documented rule.
 */
final class StrictJsonReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(10 * WireLimits.MAX_RECORD_DEPTH)
                    .maxStringLength(2 * WireLimits.MAX_STRING_LENGTH) // UTF-16 units: at most 2 per code point
                    .maxNameLength(2 * WireLimits.MAX_STRING_LENGTH)
                    .maxNumberLength(10 * WireLimits.MAX_NUMBER_LENGTH)
                    .build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonParser parser;
    private final int maxDepth;

    private StrictJsonReader(JsonParser parser, int maxDepth) {
        this.parser = parser;
        this.maxDepth = maxDepth;
    }

    /**
     * @param bytes UTF-8 JSON
     * @param maxDepth deepest nesting of objects and arrays allowed (a scalar is 0)
     * @param subject what the bytes are ("the record", "the value"), for the message
     * @return the one JSON value the bytes hold
     * @throws InvalidRecordException saying which rule the bytes break
     */
    static JsonNode read(byte[] bytes, int maxDepth, String subject) throws InvalidRecordException {
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new InvalidRecordException(subject + " is not valid UTF-8");
        }
        try (JsonParser parser = FACTORY.createParser(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidRecordException(subject + " holds no JSON value");
            }
            JsonNode value = new StrictJsonReader(parser, maxDepth).value(first, 0);
            if (parser.nextToken() != null) {
                throw new InvalidRecordException(subject + " holds more than one JSON value (at character "
                        + parser.currentTokenLocation().getCharOffset() + ")");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(subject + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (at character " + e.getLocation().getCharOffset() + ")"));
        } catch (IOException e) { // reading a char array does no I/O: only the parser's errors above
            throw new InvalidRecordException(subject + " cannot be read as JSON: " + e.getMessage());
        }
    }

    /**
     * @param text a string from a record
     * @param what what it is, for the message
     * @return its length in code points
     * @throws InvalidRecordException if it holds an unpaired surrogate or is longer than {@link WireLimits#MAX_STRING_LENGTH}
     */
    static int checkString(String text, String what) throws InvalidRecordException {
        int codePoints = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidRecordException("%s %s holds an unpaired surrogate \\u%04x at index %d: not valid Unicode"
                        .formatted(what, RecordText.quote(text), (int) c, i));
            }
            codePoints++;
        }
        if (codePoints > WireLimits.MAX_STRING_LENGTH) {
            throw new InvalidRecordException(String.format(Locale.ROOT,
                    "%s of %,d code points is longer than the %,d a record's strings may have", what, codePoints, WireLimits.MAX_STRING_LENGTH));
        }
        return codePoints;
    }

    private JsonNode value(JsonToken token, int depth) throws IOException, InvalidRecordException {
        return switch (token) {
            case START_OBJECT -> object(depth + 1);
            case START_ARRAY -> array(depth + 1);
            case VALUE_STRING -> {
                String text = parser.getText();
                checkString(text, "string");
                yield NODES.textNode(text);
            }
            case VALUE_NUMBER_INT -> integer();
            case VALUE_NUMBER_FLOAT -> decimal();
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new InvalidRecordException("unexpected JSON token " + token);
        };
    }

    private ObjectNode object(int depth) throws IOException, InvalidRecordException {
        checkDepth(depth);
        ObjectNode object = NODES.objectNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            checkString(name, "field name");
            if (object.has(name)) {
                throw new InvalidRecordException("field " + RecordText.quote(name) + " appears twice in one object");
            }
            object.set(name, value(parser.nextToken(), depth));
        }
        return object;
    }

    private ArrayNode array(int depth) throws IOException, InvalidRecordException {
        checkDepth(depth);
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(value(token, depth));
        }
        return array;
    }

    private void checkDepth(int depth) throws InvalidRecordException {
        if (depth > maxDepth) {
            throw new InvalidRecordException("objects and arrays nest deeper than " + maxDepth + " levels");
        }
    }

    private JsonNode integer() throws IOException, InvalidRecordException {
        checkNumberLength();
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }

    private JsonNode decimal() throws IOException, InvalidRecordException {
        checkNumberLength();
        double value = parser.getDoubleValue();
        if (Double.isInfinite(value)) {
            throw new InvalidRecordException("number " + RecordText.quote(parser.getText())
                    + " is beyond the range of a 64-bit floating-point number");
        }
        return NODES.numberNode(value);
    }

    private void checkNumberLength() throws IOException, InvalidRecordException {
        if (parser.getTextLength() > WireLimits.MAX_NUMBER_LENGTH) {
            throw new InvalidRecordException(String.format(Locale.ROOT,
                    "a number of %,d characters is longer than the %,d a record's numbers may have", parser.getTextLength(), WireLimits.MAX_NUMBER_LENGTH));
        }
    }
}
