package io.kpool.pool.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskIdsTest {
    private final TaskIds ids = new TaskIds("main");

    @Test
    void anIdGivesBackItsNumber() {
        assertThat(ids.id(7)).isEqualTo("main-7");
        assertThat(ids.sequenceOf(ids.id(0))).isZero();
        assertThat(ids.sequenceOf(ids.id(123_456_789_012L))).isEqualTo(123_456_789_012L);
    }

    @Test
    void idsThatAreNotThisClientsAreRecognised() {
        assertThat(ids.sequenceOf("other-7")).isEqualTo(-1);
        assertThat(ids.sequenceOf("main-")).isEqualTo(-1);
        assertThat(ids.sequenceOf("main-7x")).isEqualTo(-1);
        assertThat(ids.sequenceOf("main-+7")).isEqualTo(-1);
        assertThat(ids.sequenceOf("main-1-7")).as("client main-1's task 7").isEqualTo(-1);
        assertThat(ids.sequenceOf("main-" + "9".repeat(19))).as("past any sequence number").isEqualTo(-1);
        assertThat(new TaskIds("main-1").sequenceOf("main-17")).isEqualTo(-1);
    }
}
