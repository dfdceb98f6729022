package io.kpool.pool.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpool.core.KpoolException;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.TaskTimeoutException;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The AsyncResult the pool hands out, over a future the test completes. */
class FutureResultTest {
    private final CompletableFuture<Integer> future = new CompletableFuture<>();
    private final AsyncResult<Integer> result = new FutureResult<>("task 'square' (c-0)", future);

    @Test
    void usersCannotMakeAnAsyncResultOnlyThePoolDoes() {
        assertThat(AsyncResult.class).isInterface();
        assertThat(Modifier.isPublic(FutureResult.class.getModifiers())).isFalse();
    }

    @Test
    void getGivesUpAfterItsTimeoutNamingTheTaskAndALaterGetStillGetsTheResult() {
        assertThatThrownBy(() -> result.get(Duration.ofMillis(20))).isInstanceOf(TaskTimeoutException.class)
                .hasMessage("No result for task 'square' (c-0) within PT0.02S");

        future.complete(9);

        assertThat(result.get(Duration.ofSeconds(5))).isEqualTo(9);
        assertThat(result.successful()).isTrue();
    }

    @Test
    void getThrowsTheTasksKpoolExceptionItselfAndWrapsAnyOther() {
        KpoolException failure = new KpoolException("the reply reader failed");
        future.completeExceptionally(failure);
        assertThatThrownBy(() -> result.get(Duration.ofSeconds(5))).isSameAs(failure);

        CompletableFuture<Integer> other = new CompletableFuture<>();
        other.completeExceptionally(new IllegalStateException("bug"));
        assertThatThrownBy(() -> new FutureResult<>("x", other).get(Duration.ofSeconds(5))).isInstanceOf(KpoolException.class)
                .hasMessage("bug").hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void successfulBeforeReadyIsAnErrorAsInPythonAndWaitForDoesNotThrowTheTasksError() {
        assertThat(result.ready()).isFalse();
        assertThatThrownBy(result::successful).isInstanceOf(IllegalStateException.class).hasMessageContaining("not ready");
        assertThat(result.waitFor(Duration.ofMillis(20))).isFalse();

        future.completeExceptionally(new KpoolException("boom"));

        assertThat(result.waitFor(Duration.ofSeconds(5))).isTrue();
        assertThat(result.ready()).isTrue();
        assertThat(result.successful()).isFalse();
    }

    @Test
    void theCompletionStageFollowsTheResultButCannotCompleteIt() {
        result.toCompletionStage().toCompletableFuture().complete(-1);
        assertThat(result.ready()).isFalse();

        future.complete(9);

        assertThat(result.toCompletionStage().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(9);
    }
}
