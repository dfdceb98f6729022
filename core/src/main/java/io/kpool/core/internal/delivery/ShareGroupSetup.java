package io.kpool.core.internal.delivery;

import io.kpool.core.DeliveryOptions;
import io.kpool.core.KpoolException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Sets the group configs a kpool share group needs before a member joins: start at the earliest record (a
 * share group starts at the latest by default, and would skip what was put before its first member came),
 * kpool's record lock and delivery-count limit, and RENEW acknowledgements allowed.
 */
final class ShareGroupSetup {
    static final String AUTO_OFFSET_RESET = "share.auto.offset.reset";
    static final String RECORD_LOCK_DURATION_MS = "share.record.lock.duration.ms";
    static final String DELIVERY_COUNT_LIMIT = "share.delivery.count.limit";
    static final String RENEW_ACKNOWLEDGE_ENABLE = "share.renew.acknowledge.enable";

    private ShareGroupSetup() {
    }

    static void configure(Admin admin, String group, DeliveryOptions delivery) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
        List<AlterConfigOp> configs = List.of(set(AUTO_OFFSET_RESET, "earliest"),
                set(RECORD_LOCK_DURATION_MS, Long.toString(delivery.recordLock().toMillis())),
                set(DELIVERY_COUNT_LIMIT, Integer.toString(delivery.deliveryLimit())),
                set(RENEW_ACKNOWLEDGE_ENABLE, "true"));
        try {
            admin.incrementalAlterConfigs(Map.of(resource, configs)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KpoolException("Cannot configure share group '" + group + "' (" + cause.getMessage() + "); share mode needs "
                    + "a Kafka 4.2 or later broker with share groups enabled (feature share.version), and a record lock and "
                    + "delivery limit within the broker's group.share.{min,max}.record.lock.duration.ms and "
                    + "group.share.{min,max}.delivery.count.limit", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while configuring share group '" + group + "'", e);
        }
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }
}
