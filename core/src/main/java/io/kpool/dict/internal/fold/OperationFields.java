package io.kpool.dict.internal.fold;

import io.kpool.core.RecordText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fields of one operation's JSON object, each read as exactly its documented JSON type: a string
 * is a JSON string, an integer a JSON number written without fraction or exponent within the 64-bit
 * range. A field present as {@code null} is neither absent nor of any type: it makes the record invalid.
 */
final class OperationFields {
    private final ObjectNode object;

    OperationFields(ObjectNode object) {
        this.object = object;
    }

    boolean has(String field) {
        return object.has(field);
    }

    String string(String field) throws InvalidRecordException {
        JsonNode node = required(field);
        if (!node.isTextual()) {
            throw wrongType(field, "a JSON string", node);
        }
        return node.textValue();
    }

    String optionalString(String field) throws InvalidRecordException {
        return has(field) ? string(field) : null;
    }

    long integer(String field) throws InvalidRecordException {
        JsonNode node = required(field);
        if (!node.isIntegralNumber()) {
            throw wrongType(field, "a JSON integer (no quotes, no fraction, no exponent)", node);
        }
        if (!node.canConvertToLong()) {
            throw new InvalidRecordException("\"" + field + "\" is " + describe(node)
                    + ", beyond the 64-bit range (-9223372036854775808 to 9223372036854775807)");
        }
        return node.longValue();
    }

    Long optionalInteger(String field) throws InvalidRecordException {
        return has(field) ? integer(field) : null;
    }

    /** @return the field's value: any JSON value but null */
    JsonNode value(String field) throws InvalidRecordException {
        return required(field);
    }

    Fence fence(String field) throws InvalidRecordException {
        JsonNode node = required(field);
        if (!node.isObject()) {
            throw wrongType(field, "a JSON object {\"lock\": …, \"token\": …}", node);
        }
        OperationFields fence = new OperationFields((ObjectNode) node);
        try {
            return new Fence(fence.string("lock"), fence.integer("token"));
        } catch (InvalidRecordException | IllegalArgumentException e) {
            throw new InvalidRecordException("in \"" + field + "\": " + e.getMessage());
        }
    }

    /** @return what the node is, for a message: its JSON type and, for a scalar, its text */
    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string " + RecordText.quote(node.textValue());
        } else if (node.isIntegralNumber()) {
            String digits = node.asText();
            return "the integer " + (digits.length() <= 40 ? digits : digits.substring(0, 40) + "… (" + digits.length() + " characters)");
        } else if (node.isNumber()) {
            return "the number " + node.asText() + " (with a fraction or exponent)";
        } else if (node.isBoolean()) {
            return node.asText();
        } else if (node.isNull()) {
            return "null";
        }
        return node.isArray() ? "an array" : "an object";
    }

    private JsonNode required(String field) throws InvalidRecordException {
        JsonNode node = object.get(field);
        if (node == null) {
            throw new InvalidRecordException("the record has no \"" + field + "\"");
        }
        if (node.isNull()) {
            throw new InvalidRecordException("\"" + field + "\" is null (leave out an optional field instead)");
        }
        return node;
    }

    private static InvalidRecordException wrongType(String field, String expected, JsonNode node) {
        return new InvalidRecordException("\"" + field + "\" must be " + expected + ", not " + describe(node));
    }
}
