package io.kpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolConfigException;
import io.kpool.core.KpoolSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client's task defaults: what its settings set explicitly, then its builder's, each option on its own. */
class ClientTaskDefaultsTest {
    private static final RetryBackoff QUICK = new RetryBackoff(Duration.ofMillis(100), 1.5, Duration.ofSeconds(2), 0);

    private static PoolClientOptions fromEnvironment(Map<String, String> env) {
        return PoolClientOptions.from(KpoolSettings.load(null, env, Map.of()), "c1");
    }

    @Test
    void aClientWhoseSettingsSetNoTaskOptionLeavesEveryOneToTheWorker() {
        TaskOptions defaults = fromEnvironment(Map.of()).taskDefaults();

        assertThat(defaults.retries()).isEmpty();
        assertThat(defaults.backoff()).isEmpty();
        assertThat(defaults.retryOn()).isEmpty();
        assertThat(defaults.noRetryOn()).isEmpty();
        assertThat(defaults.timeLimit()).isEmpty();
        assertThat(defaults.expires()).isEmpty();
    }

    @Test
    void aClientTakesTheTaskRetriesItsEnvironmentSetsAndNothingElse() {
        TaskOptions defaults = fromEnvironment(Map.of("KPOOL_POOL_TASK_RETRIES", "3")).taskDefaults();

        assertThat(defaults.retries()).contains(3);
        assertThat(defaults.backoff()).isEmpty();
        assertThat(defaults.retryOn()).isEmpty();
        assertThat(defaults.timeLimit()).isEmpty();
    }

    @Test
    void oneBackoffSettingSendsTheWholeBackoffWithTheOthersAtTheirDefaults() {
        TaskOptions defaults = fromEnvironment(Map.of("KPOOL_POOL_TASK_RETRY_BACKOFF_MS", "250")).taskDefaults();

        assertThat(defaults.backoff()).contains(new RetryBackoff(Duration.ofMillis(250), 2.0, Duration.ofMinutes(10), 0.2));
        assertThat(defaults.retries()).isEmpty();
    }

    @Test
    void theExceptionListsAndATimeLimitSetInTheSettingsTravelAndATimeLimitOfZeroDoesNot() {
        TaskOptions defaults = fromEnvironment(Map.of("KPOOL_POOL_TASK_RETRY_ON", "java.io.IOException",
                "KPOOL_POOL_TASK_NO_RETRY_ON", "java.io.FileNotFoundException", "KPOOL_POOL_TASK_TIME_LIMIT_MS", "1500")).taskDefaults();

        assertThat(defaults.retryOn()).contains(List.of("java.io.IOException"));
        assertThat(defaults.noRetryOn()).contains(List.of("java.io.FileNotFoundException"));
        assertThat(defaults.timeLimit()).contains(Duration.ofMillis(1500));
        assertThat(fromEnvironment(Map.of("KPOOL_POOL_TASK_TIME_LIMIT_MS", "0")).taskDefaults().timeLimit()).isEmpty();
    }

    @Test
    void aClientBackoffWhoseMaxIsBelowItsInitialWaitFailsNamingTheSetting() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("KPOOL_POOL_TASK_RETRY_BACKOFF_MAX_MS", "10")))
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining(KpoolConfig.POOL_TASK_RETRY_BACKOFF_MAX_MS);
    }

    @Test
    void theBuildersTaskDefaultsReplaceOnlyTheOptionsTheySet() {
        PoolClientOptions options = fromEnvironment(Map.of("KPOOL_POOL_TASK_RETRIES", "3", "KPOOL_POOL_TASK_TIME_LIMIT_MS", "900"))
                .toBuilder().taskDefaults(TaskOptions.defaults().backoff(QUICK)).taskDefaults(TaskOptions.defaults().retries(5))
                .build();

        assertThat(options.taskDefaults().retries()).contains(5);
        assertThat(options.taskDefaults().backoff()).contains(QUICK);
        assertThat(options.taskDefaults().timeLimit()).contains(Duration.ofMillis(900));
    }

    @Test
    void anExpiryAmongTheTaskDefaultsBecomesTheClientsTaskExpiry() {
        PoolClientOptions options = PoolClientOptions.builder()
                .taskDefaults(TaskOptions.defaults().retries(1).expires(Duration.ofMinutes(2))).build();

        assertThat(options.taskExpires()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.taskDefaults().expires()).isEmpty();
        assertThat(options.taskDefaults().retries()).contains(1);
    }

    @Test
    void aCallOverridesTheClientsDefaultsOptionByOption() {
        TaskOptions client = PoolClientOptions.builder().taskDefaults(TaskOptions.defaults().retries(3).backoff(QUICK)
                .timeLimit(Duration.ofSeconds(5))).build().taskDefaults();

        TaskOptions sent = client.overriddenBy(TaskCall.of("t").retries(0).options());

        assertThat(sent.retries()).contains(0);
        assertThat(sent.backoff()).contains(QUICK);
        assertThat(sent.timeLimit()).contains(Duration.ofSeconds(5));
    }

    @Test
    void settingsKnowWhichKeysWereSetAndWhichHoldTheirDefault() {
        KpoolSettings settings = KpoolSettings.load(null, Map.of("KPOOL_POOL_TASK_RETRIES", "0"), Map.of());

        assertThat(settings.isSet(KpoolConfig.POOL_TASK_RETRIES)).isTrue();
        assertThat(settings.isSet(KpoolConfig.POOL_TASK_RETRY_JITTER)).isFalse();
        assertThatThrownBy(() -> settings.isSet("kpool.no.such")).isInstanceOf(KpoolConfigException.class);
    }
}
