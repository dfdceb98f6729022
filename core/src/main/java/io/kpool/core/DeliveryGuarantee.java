package io.kpool.core;

import java.util.Arrays;

/**
 * What a reader of the records a kpool service writes may rely on when a service dies or a rebalance hands
 * work to another member.
 */
public enum DeliveryGuarantee {
    /** Nothing lost; work re-run after a crash or rebalance writes its records again. */
    AT_LEAST_ONCE("at-least-once"),
    /**
     * Nothing lost and, for a {@code read_committed} reader, nothing twice: the records written for a consumed
     * record and that record's offset commit in one Kafka transaction. Side effects of work that ran twice are
     * not covered.
     */
    EXACTLY_ONCE("exactly-once");

    private final String settingValue;

    DeliveryGuarantee(String settingValue) {
        this.settingValue = settingValue;
    }

    /** @return the value as the settings spell it, e.g. {@code exactly-once} */
    public String settingValue() {
        return settingValue;
    }

    /** @return every setting value, for validation */
    public static String[] settingValues() {
        return Arrays.stream(values()).map(DeliveryGuarantee::settingValue).toArray(String[]::new);
    }

    /**
     * @param key the setting, for the message
     * @param value the setting's value
     * @return the guarantee it names
     * @throws KpoolConfigException if it names none
     */
    public static DeliveryGuarantee fromSetting(String key, String value) {
        return Arrays.stream(values()).filter(guarantee -> guarantee.settingValue.equals(value)).findFirst()
                .orElseThrow(() -> new KpoolConfigException(key + " must be one of " + String.join(", ", settingValues())
                        + ", got '" + value + "'"));
    }
}
