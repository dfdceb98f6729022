package io.kpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kpool.core.internal.DictOutcome.Status;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The fold's rules, record by record: what every client computes from the same log. */
class DictStateMachineTest {
    private final DictStateMachine machine = new DictStateMachine();
    private long offset;
    private long now = 1_000_000;

    private DictOutcome fold(DictOp op) {
        return machine.apply(op, offset++, now);
    }

    private JsonNode value(String key) {
        return machine.entries().get(key).value();
    }

    @Test
    void tenPutIfAbsentOfCountHundredThenTenDecrementsLeaveNinety() {
        for (int process = 0; process < 10; process++) {
            fold(DictOp.putIfAbsent("count", IntNode.valueOf(100)));
        }
        for (int process = 0; process < 10; process++) {
            fold(DictOp.increment("count", -1));
        }

        assertThat(value("count")).isEqualTo(IntNode.valueOf(90));
    }

    @Test
    void putIfAbsentKeepsTheFirstValueAndSaysSo() {
        assertThat(fold(DictOp.putIfAbsent("count", IntNode.valueOf(100))).status()).isEqualTo(Status.APPLIED);
        DictOutcome second = fold(DictOp.putIfAbsent("count", IntNode.valueOf(7)));

        assertThat(second.status()).isEqualTo(Status.UNCHANGED);
        assertThat(second.value()).isEqualTo(IntNode.valueOf(100));
    }

    @Test
    void incrementOfAnAbsentKeyStartsFromZero() {
        assertThat(fold(DictOp.increment("hits", 5)).value().longValue()).isEqualTo(5);
    }

    @Test
    void incrementOfATextOrPastTheLongRangeIsRejectedAndChangesNothing() {
        fold(DictOp.put("name", TextNode.valueOf("egon")));
        DictOutcome text = fold(DictOp.increment("name", 1));
        fold(DictOp.put("big", IntNode.valueOf(1)));
        DictOutcome overflow = fold(DictOp.increment("big", Long.MAX_VALUE));

        assertThat(text.status()).isEqualTo(Status.REJECTED);
        assertThat(text.message()).contains("'name'").contains("\"egon\"").contains("not an integer");
        assertThat(overflow.status()).isEqualTo(Status.REJECTED);
        assertThat(overflow.message()).contains("overflows");
        assertThat(value("name")).isEqualTo(TextNode.valueOf("egon"));
        assertThat(value("big")).isEqualTo(IntNode.valueOf(1));
    }

    @Test
    void compareAndSetAppliesOnlyOnTheCurrentVersionAndAbsentIsMinusOne() {
        DictOutcome created = fold(DictOp.compareAndSet("k", -1, IntNode.valueOf(1)));
        DictOutcome stale = fold(DictOp.compareAndSet("k", -1, IntNode.valueOf(2)));
        DictOutcome current = fold(DictOp.compareAndSet("k", created.version(), IntNode.valueOf(3)));
        DictOutcome removed = fold(DictOp.compareAndSet("k", current.version(), null));

        assertThat(created.status()).isEqualTo(Status.APPLIED);
        assertThat(stale.status()).isEqualTo(Status.CONFLICT);
        assertThat(stale.version()).isEqualTo(created.version());
        assertThat(current.status()).isEqualTo(Status.APPLIED);
        assertThat(removed.status()).isEqualTo(Status.APPLIED);
        assertThat(machine.entries()).isEmpty();
    }

    @Test
    void theLockGoesToTheFirstAcquireAndTheNextOneLearnsHowLongTheLeaseRuns() {
        DictOutcome first = fold(DictOp.acquire("L", "alex", 1_000));
        now += 300;
        DictOutcome second = fold(DictOp.acquire("L", "egon", 1_000));

        assertThat(first.status()).isEqualTo(Status.GRANTED);
        assertThat(first.token()).isEqualTo(first.offset());
        assertThat(second.status()).isEqualTo(Status.BUSY);
        assertThat(second.remainingMs()).isEqualTo(700);
        assertThat(second.message()).contains("alex");
    }

    @Test
    void anExpiredLeaseGoesToTheNextAcquireWithAGreaterTokenAndFencesTheOldHolder() {
        long alexToken = fold(DictOp.acquire("L", "alex", 1_000)).token();
        assertThat(fold(DictOp.put("owner", TextNode.valueOf("alex")).fencedBy(new DictFence("L", alexToken))).status())
                .isEqualTo(Status.APPLIED);
        now += 1_000;

        DictOutcome egon = fold(DictOp.acquire("L", "egon", 1_000));
        DictOutcome staleWrite = fold(DictOp.put("owner", TextNode.valueOf("zombie alex")).fencedBy(new DictFence("L", alexToken)));
        DictOutcome staleRenew = fold(DictOp.renew("L", alexToken, 1_000));
        DictOutcome staleRelease = fold(DictOp.release("L", alexToken));

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
        long token = fold(DictOp.acquire("L", "alex", 1_000)).token();
        now += 1_001;

        DictOutcome write = fold(DictOp.put("k", IntNode.valueOf(1)).fencedBy(new DictFence("L", token)));

        assertThat(write.status()).isEqualTo(Status.FENCED);
        assertThat(write.message()).contains("expired");
        assertThat(machine.entries()).doesNotContainKey("k");
    }

    @Test
    void renewalKeepsTheLockAndReleaseFreesItAtOnce() {
        long token = fold(DictOp.acquire("L", "alex", 1_000)).token();
        now += 900;
        assertThat(fold(DictOp.renew("L", token, 1_000)).status()).isEqualTo(Status.APPLIED);
        now += 900;
        assertThat(fold(DictOp.acquire("L", "egon", 1_000)).status()).as("renewed lease still runs").isEqualTo(Status.BUSY);

        DictOutcome released = fold(DictOp.release("L", token));

        assertThat(released.status()).isEqualTo(Status.RELEASED);
        assertThat(machine.releasedAt("L")).isEqualTo(released.offset());
        assertThat(fold(DictOp.acquire("L", "egon", 1_000)).status()).isEqualTo(Status.GRANTED);
    }

    @Test
    void aResentOperationIsAppliedOnceEvenWhenItLandsAfterLaterOnes() {
        fold(DictOp.increment("count", 1).writtenBy("w", 0));
        fold(DictOp.increment("count", 1).writtenBy("w", 2)); // seq 1 failed to send and is resent after 2
        DictOutcome resent = fold(DictOp.increment("count", 1).writtenBy("w", 1));
        DictOutcome duplicate = fold(DictOp.increment("count", 1).writtenBy("w", 1));
        DictOutcome otherWriter = fold(DictOp.increment("count", 1).writtenBy("v", 1));

        assertThat(resent.status()).isEqualTo(Status.APPLIED);
        assertThat(duplicate.status()).isEqualTo(Status.DUPLICATE);
        assertThat(otherWriter.status()).isEqualTo(Status.APPLIED);
        assertThat(value("count").longValue()).isEqualTo(4);
    }

    @Test
    void twoClientsFoldingTheSameLogHoldTheSameState() {
        DictStateMachine other = new DictStateMachine();
        DictOp[] log = {DictOp.put("a", IntNode.valueOf(1)), DictOp.increment("a", 41), DictOp.acquire("L", "x", 10),
                DictOp.putIfAbsent("b", TextNode.valueOf("t")), DictOp.remove("a"), DictOp.increment("c", -3)};
        for (int i = 0; i < log.length; i++) {
            machine.apply(log[i], i, now + i);
            other.apply(log[i], i, now + i);
        }

        assertThat(values(other)).isEqualTo(values(machine)).containsOnlyKeys("b", "c");
    }

    private static Map<String, JsonNode> values(DictStateMachine state) {
        Map<String, JsonNode> values = new TreeMap<>();
        state.entries().forEach((key, entry) -> values.put(key, entry.value()));
        return values;
    }
}
