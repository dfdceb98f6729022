package io.kpool.pool.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.pool.internal.wire.ResultMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingTaskTest {
    private final List<String> calls = new ArrayList<>();
    private final PendingTask<Integer> task = new PendingTask<>(new TaskIds("c"), 0, "square", Json.mapper().constructType(Integer.class),
            value -> calls.add("callback " + value), error -> calls.add("error " + error.getMessage()), 0);

    private static ResultMessage success(int value) {
        return new ResultMessage("c-0", ResultMessage.Status.SUCCESS, IntNode.valueOf(value), null, "w", null, null, null);
    }

    @Test
    void aTaskFailedTwiceRunsItsErrorCallbackOnce() {
        // e.g. the reply thread times it out while terminate() fails everything still pending
        Runnable first = task.fail(new KpoolException("timed out"));
        Runnable second = task.fail(new KpoolException("terminated"));

        first.run();
        assertThat(second).isNull();
        assertThat(calls).containsExactly("error timed out");
    }

    @Test
    void aResultForATaskAlreadyFailedRunsNoCallback() {
        task.fail(new KpoolException("terminated")).run();

        assertThat(task.resolve(success(9))).isNull();
        assertThat(calls).containsExactly("error terminated");
    }

    @Test
    void aFailureAfterTheResultRunsNoErrorCallback() {
        task.resolve(success(9)).run();

        assertThat(task.fail(new KpoolException("terminated"))).isNull();
        assertThat(calls).containsExactly("callback 9");
        assertThat(task).isCompletedWithValue(9);
    }
}
