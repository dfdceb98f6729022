package io.kpool.pool.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskIdsTest {
    private final TaskIds ids = new TaskIds("main", "0000abcd");

    @Test
    void anIdGivesBackItsNumber() {
        assertThat(ids.id(7)).isEqualTo("main-0000abcd-7");
        assertThat(ids.sequenceOf(ids.id(0))).isZero();
        assertThat(ids.sequenceOf(ids.id(123_456_789_012L))).isEqualTo(123_456_789_012L);
    }

    @Test
    void idsThatAreNotThisClientsAreRecognised() {
        assertThat(ids.sequenceOf("other-0000abcd-7")).isEqualTo(-1);
        assertThat(ids.sequenceOf("main-0000abcd-")).isEqualTo(-1);
        assertThat(ids.sequenceOf("main-0000abcd-7x")).isEqualTo(-1);
        assertThat(ids.sequenceOf("main-0000abcd-+7")).isEqualTo(-1);
        assertThat(ids.sequenceOf("main-7")).isEqualTo(-1);
        assertThat(ids.sequenceOf("main-0000abcd-" + "9".repeat(19))).as("past any sequence number").isEqualTo(-1);
    }

    @Test
    void aClientRestartedUnderTheSameIdDoesNotTakeTheDeadOnesResults() {
        TaskIds dead = new TaskIds("main");
        TaskIds restarted = new TaskIds("main");

        assertThat(restarted.sequenceOf(dead.id(7))).isEqualTo(-1);
        assertThat(restarted.sequenceOf(restarted.id(7))).isEqualTo(7);
    }
}
