package io.kpool.core;

import java.util.Locale;

/**
 * How a queue consumer or pool worker takes records from its topic.
 */
public enum DeliveryMode {
    /**
     * A consumer group: each partition belongs to one member, which commits the contiguous prefix of done
     * records. Ordered per partition; parallelism up to the partition count (beyond it within a member).
     */
    GROUP,
    /**
     * A share group (KIP-932): records of a partition are handed out one by one to any number of members,
     * each acknowledged on its own (accept, release for another attempt, reject); the broker redelivers
     * records whose lock runs out and counts delivery attempts.
     */
    SHARE;

    /** @return the setting's value for this mode: {@code group} or {@code share} */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value {@code group} or {@code share}, in any case
     * @param setting the setting it came from, for the message
     * @return the mode
     * @throws KpoolConfigException naming the setting if the value is neither
     */
    public static DeliveryMode of(String value, String setting) {
        for (DeliveryMode mode : values()) {
            if (mode.settingValue().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return mode;
            }
        }
        throw new KpoolConfigException(setting + " must be 'group' or 'share', got '" + value + "'");
    }
}
