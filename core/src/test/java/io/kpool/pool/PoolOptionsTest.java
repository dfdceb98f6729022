package io.kpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpool.core.DeliveryGuarantee;
import io.kpool.core.DeliveryMode;
import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolConfigException;
import io.kpool.core.KpoolSettings;
import io.kpool.queue.QueueOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's and the worker's options: their own settings, validated with the setting's name. */
class PoolOptionsTest {

    @Test
    void theWorkerTakesItsBufferAndRevokeWaitFromThePoolSettingsNotTheQueues() {
        KpoolSettings settings = KpoolSettings.load(null, Map.of(), Map.of(
                KpoolConfig.POOL_BUFFER_SIZE, "50", KpoolConfig.POOL_REVOKE_WAIT_MS, "2500", KpoolConfig.QUEUE_BUFFER_SIZE, "7"));

        PoolWorkerOptions worker = PoolWorkerOptions.from(settings, "w1");

        assertThat(worker.bufferSize()).isEqualTo(50);
        assertThat(worker.revokeWait()).isEqualTo(Duration.ofMillis(2500));
        assertThat(worker.clientId()).isEqualTo("w1");
    }

    @Test
    void builderSettersChainAcrossTheSharedConnectionPart() {
        PoolClientOptions client = PoolClientOptions.builder().bootstrapServers("b:9092").clientId("main")
                .tasksTopic("t").callbackTopic("c").replicationFactor(3).taskTimeout(Duration.ofSeconds(5)).build();

        assertThat(client.connection().bootstrapServers()).isEqualTo("b:9092");
        assertThat(client.connection().replicationFactor()).contains((short) 3);
        assertThat(client.toBuilder().build()).isEqualTo(client);
    }

    @Test
    void badValuesFailNamingTheSetting() {
        assertThatThrownBy(() -> PoolWorkerOptions.builder().bufferSize(0).build())
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining(KpoolConfig.POOL_BUFFER_SIZE);
        assertThatThrownBy(() -> PoolWorkerOptions.builder().revokeWait(Duration.ofSeconds(-1)).build())
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining(KpoolConfig.POOL_REVOKE_WAIT_MS);
        assertThatThrownBy(() -> PoolClientOptions.builder().callbackTopic("kpool-tasks").build())
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining(KpoolConfig.POOL_CALLBACK_TOPIC);
        assertThatThrownBy(() -> PoolClientOptions.builder().replyPartition(-2).build())
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining(KpoolConfig.POOL_REPLY_PARTITION);
    }

    @Test
    void exactlyOnceOverAShareGroupFailsNamingBothSettings() {
        assertThatThrownBy(() -> PoolWorkerOptions.builder().mode(DeliveryMode.SHARE).guarantee(DeliveryGuarantee.EXACTLY_ONCE).build())
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining(KpoolConfig.POOL_DELIVERY)
                .hasMessageContaining(KpoolConfig.POOL_MODE);
        assertThatThrownBy(() -> QueueOptions.builder().mode(DeliveryMode.SHARE).guarantee(DeliveryGuarantee.EXACTLY_ONCE).build())
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining(KpoolConfig.QUEUE_DELIVERY)
                .hasMessageContaining(KpoolConfig.QUEUE_MODE);
        assertThat(PoolWorkerOptions.builder().guarantee(DeliveryGuarantee.EXACTLY_ONCE).build().guarantee())
                .isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
    }

    @Test
    void aReplyPartitionBeyondTheTopicFailsNamingTheSetting() {
        PoolClientOptions client = PoolClientOptions.builder().replyPartition(5).build();

        assertThat(client.effectiveReplyPartition(8)).isEqualTo(5);
        assertThatThrownBy(() -> client.effectiveReplyPartition(4))
                .isInstanceOf(KpoolConfigException.class).hasMessageContaining(KpoolConfig.POOL_REPLY_PARTITION);
    }
}
