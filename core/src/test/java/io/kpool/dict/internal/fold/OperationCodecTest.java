package io.kpool.dict.internal.fold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's wire format, rule by rule: what a record must be to be an operation, the same in every
 * client. Each disagreement the Java fold once had with the README has a row here.
 */
class OperationCodecTest {

    private static Operation decode(String json) throws InvalidRecordException {
        return OperationCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyDocumentedOperationReadsBack() throws InvalidRecordException {
        assertThat(decode("{\"op\":\"put\",\"key\":\"count\",\"value\":100}").value()).isEqualTo(IntNode.valueOf(100));
        assertThat(decode("{\"op\":\"put-if-absent\",\"key\":\"count\",\"value\":{\"a\":[1]}}").op()).isEqualTo(OperationType.PUT_IF_ABSENT);
        assertThat(decode("{\"op\":\"remove\",\"key\":\"count\"}").op()).isEqualTo(OperationType.REMOVE);
        assertThat(decode("{\"op\":\"increment\",\"key\":\"count\",\"delta\":-9223372036854775808}").delta()).isEqualTo(Long.MIN_VALUE);
        assertThat(decode("{\"op\":\"compare-and-set\",\"key\":\"k\",\"version\":-1}").value()).isNull();
        assertThat(decode("{\"op\":\"lock-acquire\",\"lock\":\"L\",\"owner\":\"me\",\"leaseMs\":10000}").leaseMs()).isEqualTo(10_000);
        assertThat(decode("{\"op\":\"lock-renew\",\"lock\":\"L\",\"token\":3,\"leaseMs\":10000}").token()).isEqualTo(3);
        assertThat(decode("{\"op\":\"lock-release\",\"lock\":\"L\",\"token\":3}").op()).isEqualTo(OperationType.LOCK_RELEASE);
        Operation fenced = decode("{\"op\":\"put\",\"key\":\"k\",\"value\":\"v\",\"fence\":{\"lock\":\"L\",\"token\":3,\"by\":\"me\"},\"extra\":true}");
        assertThat(fenced.fence()).isEqualTo(new Fence("L", 3));
        assertThat(decode("{\"op\":\"put\",\"key\":\"k\",\"value\":1,\"writer\":\"w\",\"seq\":0}").writer()).isEqualTo("w");
    }

    static Stream<Arguments> invalidRecords() {
        return Stream.of(
                arguments("a string delta is no integer", "{\"op\":\"increment\",\"key\":\"c\",\"delta\":\"5\"}",
                        "\"delta\" must be a JSON integer (no quotes, no fraction, no exponent), not the string \"5\""),
                arguments("a float delta is no integer", "{\"op\":\"increment\",\"key\":\"c\",\"delta\":1.5}", "\"delta\" must be a JSON integer"),
                arguments("a delta written with a fraction is no integer, even 1.0", "{\"op\":\"increment\",\"key\":\"c\",\"delta\":1.0}",
                        "not the number 1.0"),
                arguments("a delta written with an exponent is no integer", "{\"op\":\"increment\",\"key\":\"c\",\"delta\":1e2}",
                        "\"delta\" must be a JSON integer"),
                arguments("a delta beyond the 64-bit range", "{\"op\":\"increment\",\"key\":\"c\",\"delta\":9223372036854775808}",
                        "beyond the 64-bit range"),
                arguments("a boolean delta", "{\"op\":\"increment\",\"key\":\"c\",\"delta\":true}", "not true"),
                arguments("a missing delta", "{\"op\":\"increment\",\"key\":\"c\"}", "has no \"delta\""),
                arguments("a numeric key is no string", "{\"op\":\"put\",\"key\":5,\"value\":1}", "\"key\" must be a JSON string, not the integer 5"),
                arguments("an array key", "{\"op\":\"remove\",\"key\":[\"k\"]}", "\"key\" must be a JSON string, not an array"),
                arguments("a null key", "{\"op\":\"remove\",\"key\":null}", "\"key\" is null"),
                arguments("an empty key", "{\"op\":\"remove\",\"key\":\"\"}", "non-empty"),
                arguments("a key with a control character", "{\"op\":\"remove\",\"key\":\"a\\nb\"}", "control characters"),
                arguments("a key with an unpaired surrogate", "{\"op\":\"remove\",\"key\":\"a\\ud800\"}", "unpaired surrogate"),
                arguments("a put of null", "{\"op\":\"put\",\"key\":\"k\",\"value\":null}", "\"value\" is null"),
                arguments("a put without value", "{\"op\":\"put\",\"key\":\"k\"}", "has no \"value\""),
                arguments("a compare-and-set to null (omit value to remove)", "{\"op\":\"compare-and-set\",\"key\":\"k\",\"version\":1,\"value\":null}",
                        "\"value\" is null"),
                arguments("a version below -1", "{\"op\":\"compare-and-set\",\"key\":\"k\",\"version\":-2}", "version (-1 or more)"),
                arguments("a string version", "{\"op\":\"compare-and-set\",\"key\":\"k\",\"version\":\"3\"}", "\"version\" must be a JSON integer"),
                arguments("a lease of 0 ms", "{\"op\":\"lock-acquire\",\"lock\":\"L\",\"owner\":\"me\",\"leaseMs\":0}", "leaseMs (> 0)"),
                arguments("a string lease", "{\"op\":\"lock-acquire\",\"lock\":\"L\",\"owner\":\"me\",\"leaseMs\":\"1000\"}", "\"leaseMs\" must be a JSON integer"),
                arguments("an empty owner", "{\"op\":\"lock-acquire\",\"lock\":\"L\",\"owner\":\"\",\"leaseMs\":10}", "owner (non-empty)"),
                arguments("a numeric owner", "{\"op\":\"lock-acquire\",\"lock\":\"L\",\"owner\":7,\"leaseMs\":10}", "\"owner\" must be a JSON string"),
                arguments("a numeric lock name", "{\"op\":\"lock-release\",\"lock\":1,\"token\":3}", "\"lock\" must be a JSON string"),
                arguments("a negative token", "{\"op\":\"lock-release\",\"lock\":\"L\",\"token\":-1}", "token (0 or more)"),
                arguments("a float token", "{\"op\":\"lock-renew\",\"lock\":\"L\",\"token\":3.0,\"leaseMs\":10}", "\"token\" must be a JSON integer"),
                arguments("a writer without seq", "{\"op\":\"remove\",\"key\":\"k\",\"writer\":\"w\"}", "come together"),
                arguments("a seq without writer", "{\"op\":\"remove\",\"key\":\"k\",\"seq\":1}", "come together"),
                arguments("a negative seq", "{\"op\":\"remove\",\"key\":\"k\",\"writer\":\"w\",\"seq\":-1}", "come together"),
                arguments("a string seq", "{\"op\":\"remove\",\"key\":\"k\",\"writer\":\"w\",\"seq\":\"1\"}", "\"seq\" must be a JSON integer"),
                arguments("a numeric writer", "{\"op\":\"remove\",\"key\":\"k\",\"writer\":1,\"seq\":1}", "\"writer\" must be a JSON string"),
                arguments("a null writer", "{\"op\":\"remove\",\"key\":\"k\",\"writer\":null,\"seq\":null}", "\"writer\" is null"),
                arguments("a fence that is a string", "{\"op\":\"remove\",\"key\":\"k\",\"fence\":\"L:3\"}", "\"fence\" must be a JSON object"),
                arguments("a fence with a string token", "{\"op\":\"remove\",\"key\":\"k\",\"fence\":{\"lock\":\"L\",\"token\":\"3\"}}",
                        "in \"fence\": \"token\" must be a JSON integer"),
                arguments("a fence with a negative token", "{\"op\":\"remove\",\"key\":\"k\",\"fence\":{\"lock\":\"L\",\"token\":-3}}",
                        "fence token must be an offset"),
                arguments("a null fence", "{\"op\":\"remove\",\"key\":\"k\",\"fence\":null}", "\"fence\" is null"),
                arguments("an unknown op", "{\"op\":\"multiply\",\"key\":\"k\"}", "unknown \"op\" \"multiply\"; known: put, put-if-absent"),
                arguments("an op in the wrong case", "{\"op\":\"PUT\",\"key\":\"k\",\"value\":1}", "unknown \"op\" \"PUT\""),
                arguments("a numeric op", "{\"op\":1,\"key\":\"k\"}", "\"op\" must be a JSON string"),
                arguments("no op", "{\"key\":\"k\",\"value\":1}", "has no \"op\""),
                arguments("an array", "[{\"op\":\"remove\",\"key\":\"k\"}]", "the record is an array, not a JSON object"),
                arguments("a string", "\"remove k\"", "not a JSON object"),
                arguments("a number", "42", "not a JSON object"),
                arguments("null", "null", "the record is null, not a JSON object"),
                arguments("text that is no JSON", "not json", "the record is not valid JSON"),
                arguments("a truncated object", "{\"op\":\"remove\",\"key\":", "the record is not valid JSON"),
                arguments("single quotes", "{'op':'remove','key':'k'}", "the record is not valid JSON"),
                arguments("a trailing comma", "{\"op\":\"remove\",\"key\":\"k\",}", "the record is not valid JSON"),
                arguments("a second value after the object", "{\"op\":\"remove\",\"key\":\"k\"} {}", "more than one JSON value"),
                arguments("nothing but whitespace", "  \n", "holds no JSON value"),
                arguments("nothing at all", "", "holds no JSON value"),
                arguments("a byte-order mark", "\ufeff{\"op\":\"remove\",\"key\":\"k\"}", "the record is not valid JSON"),
                arguments("a repeated field", "{\"op\":\"put\",\"key\":\"a\",\"key\":\"b\",\"value\":1}", "field \"key\" appears twice"),
                arguments("a repeated field deep in a value", "{\"op\":\"put\",\"key\":\"a\",\"value\":[{\"x\":1,\"x\":2}]}", "field \"x\" appears twice"),
                arguments("NaN in a value", "{\"op\":\"put\",\"key\":\"a\",\"value\":NaN}", "the record is not valid JSON"),
                arguments("a number beyond the floating-point range", "{\"op\":\"put\",\"key\":\"a\",\"value\":1e400}", "beyond the range of a 64-bit"),
                arguments("an unpaired surrogate in a value", "{\"op\":\"put\",\"key\":\"a\",\"value\":{\"t\":\"\\udc00x\"}}", "unpaired surrogate"),
                arguments("an unescaped control character in a string", "{\"op\":\"put\",\"key\":\"a\",\"value\":\"a\u0001\"}",
                        "the record is not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRecords")
    void aRecordThatBreaksARuleOfTheWireFormatIsInvalidAndSaysWhich(String rule, String json, String reason) {
        assertThatThrownBy(() -> decode(json)).as(rule).isInstanceOf(InvalidRecordException.class).hasMessageContaining(reason);
    }

    @Test
    void aRecordWithoutValueOrNotInStrictUtf8IsInvalid() {
        byte[] overlongSlash = {'{', '"', 'o', 'p', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        byte[] encodedSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        byte[] latin1 = "{\"op\":\"remove\",\"key\":\"café\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> OperationCodec.decode(null)).hasMessage("the record has no value");
        assertThatThrownBy(() -> OperationCodec.decode(overlongSlash)).hasMessage("the record is not valid UTF-8");
        assertThatThrownBy(() -> OperationCodec.decode(encodedSurrogate)).hasMessage("the record is not valid UTF-8");
        assertThatThrownBy(() -> OperationCodec.decode(latin1)).hasMessage("the record is not valid UTF-8");
    }

    @Test
    void fieldsAnOperationDoesNotUseAreNotReadWhateverTheyHold() throws InvalidRecordException {
        assertThat(decode("{\"op\":\"remove\",\"key\":\"k\",\"value\":null,\"delta\":\"x\",\"lock\":7,\"extra\":{\"a\":[1.5]}}"))
                .isEqualTo(Operation.remove("k"));
        assertThat(decode("{\"op\":\"lock-release\",\"lock\":\"L\",\"token\":3,\"fence\":\"nonsense\",\"key\":5,\"leaseMs\":-1}"))
                .isEqualTo(Operation.release("L", 3));
        assertThat(decode("{\"op\":\"put\",\"key\":\"k\",\"value\":1,\"version\":\"x\",\"owner\":null}"))
                .isEqualTo(Operation.put("k", IntNode.valueOf(1)));
    }

    @ParameterizedTest(name = "the key \"{0}\" is a key")
    @ValueSource(strings = {" ", "   ", "\u00a0", "😀", "a b", "\u200b"})
    void blankAndUnusualKeysAreKeys(String key) throws InvalidRecordException {
        String json = "{\"op\":\"remove\",\"key\":" + TextNode.valueOf(key) + "}";

        assertThat(decode(json).key()).isEqualTo(key);
    }

    @Test
    void aKeyOrLockNameHasAtMostAThousandCodePoints() throws InvalidRecordException {
        String atLimit = "😀".repeat(WireLimits.MAX_NAME_LENGTH);

        assertThat(decode("{\"op\":\"remove\",\"key\":\"" + atLimit + "\"}").key()).isEqualTo(atLimit);
        assertThatThrownBy(() -> decode("{\"op\":\"remove\",\"key\":\"" + atLimit + "a\"}")).hasMessageContaining("has 1,001");
        assertThatThrownBy(() -> decode("{\"op\":\"lock-release\",\"lock\":\"" + "L".repeat(1_001) + "\",\"token\":1}"))
                .hasMessageContaining("lock name has at most 1,000 code points");
    }

    @Test
    void aRecordNestsAtMostAHundredLevelsSoAValueAtMostNinetyNineEvenInAFieldNobodyReads() throws InvalidRecordException {
        String value99 = "[".repeat(WireLimits.MAX_VALUE_DEPTH) + "]".repeat(WireLimits.MAX_VALUE_DEPTH);
        String value100 = "[" + value99 + "]";

        assertThat(decode("{\"op\":\"put\",\"key\":\"k\",\"value\":" + value99 + "}").value().toString()).isEqualTo(value99);
        assertThatThrownBy(() -> decode("{\"op\":\"put\",\"key\":\"k\",\"value\":" + value100 + "}"))
                .hasMessageContaining("nest deeper than 100 levels");
        assertThatThrownBy(() -> decode("{\"op\":\"remove\",\"key\":\"k\",\"unread\":" + value100 + "}"))
                .hasMessageContaining("nest deeper than 100 levels");
        assertThat(OperationCodec.readValue(value99.getBytes(StandardCharsets.UTF_8)).toString()).isEqualTo(value99);
        assertThatThrownBy(() -> OperationCodec.readValue(value100.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("nest deeper than 99 levels");
    }

    @Test
    void aStringHasAtMostTenMillionCodePointsFieldNamesIncluded() throws InvalidRecordException {
        String atLimit = "😀".repeat(WireLimits.MAX_STRING_LENGTH / 2) + "x".repeat(WireLimits.MAX_STRING_LENGTH / 2);

        assertThat(decode("{\"op\":\"put\",\"key\":\"k\",\"value\":\"" + atLimit + "\"}").value().textValue()).isEqualTo(atLimit);
        assertThatThrownBy(() -> decode("{\"op\":\"put\",\"key\":\"k\",\"value\":\"" + atLimit + "y\"}"))
                .hasMessageContaining("string of 10,000,001 code points is longer than the 10,000,000");
        assertThatThrownBy(() -> decode("{\"op\":\"remove\",\"key\":\"k\",\"" + atLimit + "y\":1}"))
                .hasMessageContaining("field name of 10,000,001 code points");
    }

    @Test
    void aNumberHasAtMostAThousandCharactersAsWrittenAndBigIntegersAreFineInAValue() throws InvalidRecordException {
        String thousand = "-" + "9".repeat(WireLimits.MAX_NUMBER_LENGTH - 1);
        String fractionOf1001 = "0." + "1".repeat(WireLimits.MAX_NUMBER_LENGTH - 1);

        assertThat(decode("{\"op\":\"put\",\"key\":\"k\",\"value\":" + thousand + "}").value().bigIntegerValue())
                .isEqualTo(new BigInteger(thousand));
        assertThatThrownBy(() -> decode("{\"op\":\"put\",\"key\":\"k\",\"value\":" + thousand + "9}"))
                .hasMessageContaining("a number of 1,001 characters is longer than the 1,000");
        assertThatThrownBy(() -> decode("{\"op\":\"put\",\"key\":\"k\",\"value\":" + fractionOf1001 + "}"))
                .hasMessageContaining("a number of 1,001 characters");
        assertThat(decode("{\"op\":\"put\",\"key\":\"k\",\"value\":1e308}").value()).isEqualTo(JsonNodeFactory.instance.numberNode(1e308));
    }
}
