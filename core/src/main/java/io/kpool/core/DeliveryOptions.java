package io.kpool.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How records are delivered to a queue consumer or pool worker: the {@link DeliveryMode}, and for a share
 * group the record lock and the delivery-count limit kpool sets on the group (group configs
 * {@code share.record.lock.duration.ms} and {@code share.delivery.count.limit}).
 *
 * @param mode consumer group or share group
 * @param recordLock how long a share group's record stays acquired by one member without renewal
 * @param deliveryLimit a share group's delivery attempts of one record; after the last it is rejected
 */
public record DeliveryOptions(DeliveryMode mode, Duration recordLock, int deliveryLimit) {
    /** The consumer-group mode with the share settings' defaults (they are not used in that mode). */
    public static final DeliveryOptions GROUP = new DeliveryOptions(DeliveryMode.GROUP, Duration.ofSeconds(30), 5);

    /** Validates the fields; the messages name the settings. */
    public DeliveryOptions {
        Objects.requireNonNull(mode, "mode");
        if (recordLock == null || recordLock.toMillis() < 1000) {
            throw new KpoolConfigException(KpoolConfig.SHARE_RECORD_LOCK_MS + " must be at least 1000, got "
                    + (recordLock == null ? null : recordLock.toMillis()));
        }
        if (deliveryLimit < 2 || deliveryLimit > 10) {
            throw new KpoolConfigException(KpoolConfig.SHARE_DELIVERY_LIMIT + " must be from 2 to 10, got " + deliveryLimit);
        }
    }

    /**
     * @param settings loaded configuration
     * @param modeSetting the setting naming the mode ({@link KpoolConfig#QUEUE_MODE} or {@link KpoolConfig#POOL_MODE})
     * @return the options
     */
    public static DeliveryOptions from(KpoolSettings settings, String modeSetting) {
        return new DeliveryOptions(DeliveryMode.of((String) settings.get(modeSetting), modeSetting),
                Duration.ofMillis((Long) settings.get(KpoolConfig.SHARE_RECORD_LOCK_MS)),
                (Integer) settings.get(KpoolConfig.SHARE_DELIVERY_LIMIT));
    }

    /** @return these options in another mode */
    public DeliveryOptions withMode(DeliveryMode value) {
        return new DeliveryOptions(value, recordLock, deliveryLimit);
    }

    /** @return true for a share group */
    public boolean isShare() {
        return mode == DeliveryMode.SHARE;
    }
}
