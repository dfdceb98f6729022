package io.kpool.dict.internal.fold;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kpool.dict.internal.fold.Outcome.Status;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The fold's rules, record by record: what every client computes from the same log. */
class StateMachineTest {
    private final StateMachine machine = new StateMachine();
    private long offset;
    private long now = 1_000_000;

    private Outcome fold(Operation op) {
        return machine.apply(op, offset++, now);
    }

    private Outcome fold(String json) {
        return machine.fold(json.getBytes(StandardCharsets.UTF_8), offset++, now).outcome();
    }

    private JsonNode value(String key) {
        return machine.entries().get(key).value();
    }

    @Test
    void tenPutIfAbsentOfCountHundredThenTenDecrementsLeaveNinety() {
        for (int process = 0; process < 10; process++) {
            fold(Operation.putIfAbsent("count", IntNode.valueOf(100)));
        }
        for (int process = 0; process < 10; process++) {
            fold(Operation.increment("count", -1));
        }

        assertThat(value("count")).isEqualTo(IntNode.valueOf(90));
    }

    @Test
    void putIfAbsentKeepsTheFirstValueAndSaysSo() {
        assertThat(fold(Operation.putIfAbsent("count", IntNode.valueOf(100))).status()).isEqualTo(Status.APPLIED);
        Outcome second = fold(Operation.putIfAbsent("count", IntNode.valueOf(7)));

        assertThat(second.status()).isEqualTo(Status.UNCHANGED);
        assertThat(second.value()).isEqualTo(IntNode.valueOf(100));
    }

    @Test
    void incrementOfAnAbsentKeyStartsFromZero() {
        assertThat(fold(Operation.increment("hits", 5)).value().longValue()).isEqualTo(5);
    }

    @Test
    void incrementOfATextOrPastTheLongRangeIsRejectedAndChangesNothing() {
        fold(Operation.put("name", TextNode.valueOf("egon")));
        Outcome text = fold(Operation.increment("name", 1));
        fold(Operation.put("big", IntNode.valueOf(1)));
        Outcome overflow = fold(Operation.increment("big", Long.MAX_VALUE));

        assertThat(text.status()).isEqualTo(Status.REJECTED);
        assertThat(text.message()).contains("'name'").contains("\"egon\"").contains("not an integer");
        assertThat(overflow.status()).isEqualTo(Status.REJECTED);
        assertThat(overflow.message()).contains("overflows");
        assertThat(value("name")).isEqualTo(TextNode.valueOf("egon"));
        assertThat(value("big")).isEqualTo(IntNode.valueOf(1));
    }

    @Test
    void compareAndSetAppliesOnlyOnTheCurrentVersionAndAbsentIsMinusOne() {
        Outcome created = fold(Operation.compareAndSet("k", -1, IntNode.valueOf(1)));
        Outcome stale = fold(Operation.compareAndSet("k", -1, IntNode.valueOf(2)));
        Outcome current = fold(Operation.compareAndSet("k", created.version(), IntNode.valueOf(3)));
        Outcome removed = fold(Operation.compareAndSet("k", current.version(), null));

        assertThat(created.status()).isEqualTo(Status.APPLIED);
        assertThat(stale.status()).isEqualTo(Status.CONFLICT);
        assertThat(stale.version()).isEqualTo(created.version());
        assertThat(current.status()).isEqualTo(Status.APPLIED);
        assertThat(removed.status()).isEqualTo(Status.APPLIED);
        assertThat(machine.entries()).isEmpty();
    }

    @Test
    void theLockGoesToTheFirstAcquireAndTheNextOneLearnsHowLongTheLeaseRuns() {
        Outcome first = fold(Operation.acquire("L", "alex", 1_000));
        now += 300;
        Outcome second = fold(Operation.acquire("L", "egon", 1_000));

        assertThat(first.status()).isEqualTo(Status.GRANTED);
        assertThat(first.token()).isEqualTo(first.offset());
        assertThat(second.status()).isEqualTo(Status.BUSY);
        assertThat(second.remainingMs()).isEqualTo(700);
        assertThat(second.message()).contains("alex");
    }

    @Test
    void anExpiredLeaseGoesToTheNextAcquireWithAGreaterTokenAndFencesTheOldHolder() {
        long alexToken = fold(Operation.acquire("L", "alex", 1_000)).token();
        assertThat(fold(Operation.put("owner", TextNode.valueOf("alex")).fencedBy(new Fence("L", alexToken))).status())
                .isEqualTo(Status.APPLIED);
        now += 1_000;

        Outcome egon = fold(Operation.acquire("L", "egon", 1_000));
        Outcome staleWrite = fold(Operation.put("owner", TextNode.valueOf("zombie alex")).fencedBy(new Fence("L", alexToken)));
        Outcome staleRenew = fold(Operation.renew("L", alexToken, 1_000));
        Outcome staleRelease = fold(Operation.release("L", alexToken));

        assertThat(egon.status()).isEqualTo(Status.GRANTED);
        assertThat(egon.token()).isGreaterThan(alexToken);
        assertThat(staleWrite.status()).isEqualTo(Status.FENCED);
        assertThat(staleWrite.message()).contains("token " + alexToken).contains("egon");
        assertThat(staleRenew.status()).isEqualTo(Status.LOST);
        assertThat(staleRelease.status()).isEqualTo(Status.LOST);
        assertThat(value("owner")).isEqualTo(TextNode.valueOf("alex"));
    }

    @Test
    void aFencedWriteAfterTheLeaseRanOutIsRejectedEvenBeforeAnyoneElseTookTheLock() {
        long token = fold(Operation.acquire("L", "alex", 1_000)).token();
        now += 1_001;

        Outcome write = fold(Operation.put("k", IntNode.valueOf(1)).fencedBy(new Fence("L", token)));

        assertThat(write.status()).isEqualTo(Status.FENCED);
        assertThat(write.message()).contains("expired");
        assertThat(machine.entries()).doesNotContainKey("k");
    }

    @Test
    void renewalKeepsTheLockAndReleaseFreesItAtOnce() {
        long token = fold(Operation.acquire("L", "alex", 1_000)).token();
        now += 900;
        assertThat(fold(Operation.renew("L", token, 1_000)).status()).isEqualTo(Status.APPLIED);
        now += 900;
        assertThat(fold(Operation.acquire("L", "egon", 1_000)).status()).as("renewed lease still runs").isEqualTo(Status.BUSY);

        Outcome released = fold(Operation.release("L", token));

        assertThat(released.status()).isEqualTo(Status.RELEASED);
        assertThat(machine.releasedAt("L")).isEqualTo(released.offset());
        assertThat(fold(Operation.acquire("L", "egon", 1_000)).status()).isEqualTo(Status.GRANTED);
    }

    @Test
    void aResentOperationIsAppliedOnceEvenWhenItLandsAfterLaterOnes() {
        fold(Operation.increment("count", 1).writtenBy("w", 0));
        fold(Operation.increment("count", 1).writtenBy("w", 2)); // seq 1 failed to send and is resent after 2
        Outcome resent = fold(Operation.increment("count", 1).writtenBy("w", 1));
        Outcome duplicate = fold(Operation.increment("count", 1).writtenBy("w", 1));
        Outcome otherWriter = fold(Operation.increment("count", 1).writtenBy("v", 1));

        assertThat(resent.status()).isEqualTo(Status.APPLIED);
        assertThat(duplicate.status()).isEqualTo(Status.DUPLICATE);
        assertThat(otherWriter.status()).isEqualTo(Status.APPLIED);
        assertThat(value("count").longValue()).isEqualTo(4);
    }

    @Test
    void twoClientsFoldingTheSameLogHoldTheSameState() {
        StateMachine other = new StateMachine();
        Operation[] log = {Operation.put("a", IntNode.valueOf(1)), Operation.increment("a", 41), Operation.acquire("L", "x", 10),
                Operation.putIfAbsent("b", TextNode.valueOf("t")), Operation.remove("a"), Operation.increment("c", -3)};
        for (int i = 0; i < log.length; i++) {
            machine.apply(log[i], i, now + i);
            other.apply(log[i], i, now + i);
        }

        assertThat(values(other)).isEqualTo(values(machine)).containsOnlyKeys("b", "c");
    }

    @Test
    void aValueWrittenWithAFractionIsNoIntegerSoIncrementingItIsRejectedEvenIfItIsWhole() {
        fold("{\"op\":\"put\",\"key\":\"n\",\"value\":1.0}");

        Outcome increment = fold(Operation.increment("n", 1));

        assertThat(increment.status()).isEqualTo(Status.REJECTED);
        assertThat(increment.message()).contains("1.0").contains("not an integer");
        assertThat(value("n")).isEqualTo(DoubleNode.valueOf(1.0));
    }

    @Test
    void aStringOrFloatDeltaIsInvalidAndChangesNothingInsteadOfBeingConverted() {
        fold(Operation.put("count", IntNode.valueOf(10)));

        Outcome string = fold("{\"op\":\"increment\",\"key\":\"count\",\"delta\":\"5\"}");
        Outcome decimal = fold("{\"op\":\"increment\",\"key\":\"count\",\"delta\":1.9}");
        Outcome numericKey = fold("{\"op\":\"put\",\"key\":10,\"value\":1}");

        assertThat(string.status()).isEqualTo(Status.INVALID);
        assertThat(decimal.status()).isEqualTo(Status.INVALID);
        assertThat(numericKey.status()).isEqualTo(Status.INVALID);
        assertThat(values(machine)).isEqualTo(Map.of("count", IntNode.valueOf(10)));
    }

    @Test
    void blankKeysAreKeysLikeAnyOther() {
        assertThat(fold("{\"op\":\"increment\",\"key\":\" \",\"delta\":2}").status()).isEqualTo(Status.APPLIED);

        assertThat(value(" ")).isEqualTo(IntNode.valueOf(2));
    }

    @Test
    void aResentOperationIsRecognisedHoweverManyLaterOperationsOfItsWriterLandedFirst() {
        fold(Operation.increment("count", 1).writtenBy("w", 0));
        for (long seq = 2; seq <= 20_001; seq++) { // seq 1 failed to send and is resent after 20,000 later ones
            fold(Operation.increment("count", 1).writtenBy("w", seq));
        }

        Outcome resent = fold(Operation.increment("count", 1).writtenBy("w", 1));
        Outcome againFirst = fold(Operation.increment("count", 1).writtenBy("w", 0));
        Outcome againResent = fold(Operation.increment("count", 1).writtenBy("w", 1));

        assertThat(resent.status()).isEqualTo(Status.APPLIED);
        assertThat(againFirst.status()).isEqualTo(Status.DUPLICATE);
        assertThat(againResent.status()).isEqualTo(Status.DUPLICATE);
        assertThat(value("count").longValue()).isEqualTo(20_002);
    }

    @Test
    void aWriterSilentForMoreThanADayOfFoldTimeIsForgottenButNotOneSilentForExactlyADay() {
        fold(Operation.increment("count", 1).writtenBy("w", 0));
        now += WireLimits.FORGET_WRITER_AFTER_MS;
        Outcome afterExactlyADay = fold(Operation.increment("count", 1).writtenBy("w", 0));
        now += WireLimits.FORGET_WRITER_AFTER_MS + 1;
        Outcome afterMoreThanADay = fold(Operation.increment("count", 1).writtenBy("w", 0));

        assertThat(afterExactlyADay.status()).isEqualTo(Status.DUPLICATE);
        assertThat(afterMoreThanADay.status()).isEqualTo(Status.APPLIED);
    }

    @Test
    void theFoldsClockNeverRunsBackwardsSoALaterRecordWithAnEarlierTimestampCannotReviveALease() {
        long token = machine.apply(Operation.acquire("L", "alex", 1_000), offset++, 10_000).token();
        machine.apply(Operation.put("tick", IntNode.valueOf(1)), offset++, 12_000);

        Outcome skewed = machine.apply(Operation.put("k", IntNode.valueOf(1)).fencedBy(new Fence("L", token)), offset++, 10_500);
        Outcome noTimestamp = machine.apply(Operation.renew("L", token, 1_000), offset++, -1);
        Outcome egon = machine.apply(Operation.acquire("L", "egon", 1_000), offset++, -1);

        assertThat(skewed.status()).isEqualTo(Status.FENCED);
        assertThat(noTimestamp.status()).isEqualTo(Status.LOST);
        assertThat(egon.status()).isEqualTo(Status.GRANTED);
    }

    @Test
    void aLeaseLongerThanTheClockCanCountEndsAtTheTopOfTheRangeInsteadOfOverflowing() {
        Outcome forever = fold(Operation.acquire("L", "alex", Long.MAX_VALUE));
        now += 1;
        Outcome next = fold(Operation.acquire("L", "egon", 1_000));

        assertThat(forever.status()).isEqualTo(Status.GRANTED);
        assertThat(next.status()).isEqualTo(Status.BUSY);
        assertThat(next.remainingMs()).isEqualTo(Long.MAX_VALUE - now);
    }

    @Test
    void anOwnerWithALineBreakCannotForgeALineInTheMessagesThatNameIt() {
        fold(Operation.acquire("L", "alex\nINFO  egon got the lock", 1_000));

        Outcome busy = fold(Operation.acquire("L", "egon", 1_000));

        assertThat(busy.message()).doesNotContain("\n").contains("\"alex\\u000aINFO  egon got the lock\"");
    }

    @Test
    void aRecordThatIsNoOperationIsInvalidChangesNothingAndTheNextOneApplies() {
        fold(Operation.put("k", IntNode.valueOf(1)));
        Map<String, EntryState> before = Map.copyOf(machine.entries());

        Folded none = machine.fold(null, offset++, now);
        Folded garbage = machine.fold(new byte[] {(byte) 0xff, 0, '{'}, offset++, now);
        Map<String, EntryState> afterInvalid = Map.copyOf(machine.entries());
        Outcome after = fold(Operation.increment("k", 1));

        assertThat(none.operation()).isNull();
        assertThat(none.outcome().status()).isEqualTo(Status.INVALID);
        assertThat(none.outcome().message()).isEqualTo("the record has no value");
        assertThat(garbage.outcome().status()).isEqualTo(Status.INVALID);
        assertThat(afterInvalid).isEqualTo(before);
        assertThat(machine.entries().get("k")).isEqualTo(new EntryState(IntNode.valueOf(2), after.offset()));
    }

    private static Map<String, JsonNode> values(StateMachine state) {
        Map<String, JsonNode> values = new TreeMap<>();
        state.entries().forEach((key, entry) -> values.put(key, entry.value()));
        return values;
    }
}
