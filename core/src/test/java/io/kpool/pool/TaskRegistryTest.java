package io.kpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpool.core.KpoolConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which installed tasks a worker gets: this module's test tasks ({@link TestTasks}) are the installed ones here. */
class TaskRegistryTest {

    @Test
    void installedHasEveryTaskThatIsEnabledByDefaultAndNoOther() {
        TaskRegistry registry = TaskRegistry.installed();

        assertThat(registry.names()).containsExactly("echo", "fail", "sleep", "square");
        assertThat(registry.find("opt-in")).isEmpty();
    }

    @Test
    void selectingByNameGivesExactlyThoseTasksIncludingOnesNotEnabledByDefault() throws Exception {
        TaskRegistry registry = TaskRegistry.installed(List.of("opt-in", "square"));

        assertThat(registry.names()).containsExactly("opt-in", "square");
        assertThat(registry.find("opt-in").orElseThrow().execute(new TaskArguments("opt-in", List.of(), Map.of())))
                .isEqualTo("selected");
    }

    @Test
    void anUnknownNameFailsNamingEveryUnknownTaskAndListingTheInstalledOnes() {
        assertThatThrownBy(() -> TaskRegistry.installed(List.of("square", "cube", "http.get")))
                .isInstanceOf(KpoolConfigException.class)
                .hasMessageContaining("'cube', 'http.get'")
                .hasMessageContaining("[echo, fail, opt-in (only when selected by name), sleep, square]")
                .hasMessageNotContaining("'square'");
    }

    @Test
    void selectingNoTaskIsAnError() {
        assertThatThrownBy(() -> TaskRegistry.installed(List.of()))
                .isInstanceOf(KpoolConfigException.class)
                .hasMessageContaining("No task selected")
                .hasMessageContaining("square");
    }

    @Test
    void aTaskAddedUnderANameAlreadyTakenIsRejected() {
        TaskRegistry registry = TaskRegistry.installed(List.of("square"));

        assertThatThrownBy(() -> registry.with(new TestTasks.SquareTask()))
                .isInstanceOf(KpoolConfigException.class)
                .hasMessageContaining("Two tasks are named 'square'");
        assertThat(registry.with(new TestTasks.EchoTask()).names()).containsExactly("echo", "square");
    }
}
