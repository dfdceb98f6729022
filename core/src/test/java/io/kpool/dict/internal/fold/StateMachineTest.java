package io.kpool.dict.internal.fold;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kpool.dict.internal.fold.Outcome.Status;
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

    private static Map<String, JsonNode> values(StateMachine state) {
        Map<String, JsonNode> values = new TreeMap<>();
        state.entries().forEach((key, entry) -> values.put(key, entry.value()));
        return values;
    }
}
