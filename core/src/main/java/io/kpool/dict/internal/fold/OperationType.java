package io.kpool.dict.internal.fold;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The operations a shared dict's log holds, by their {@code "op"} name on the wire. */
public enum OperationType {
    /** Sets a key to a value. */
    PUT("put", true),
    /** Sets a key only if it has no value (how initial values are written). */
    PUT_IF_ABSENT("put-if-absent", true),
    /** Removes a key. */
    REMOVE("remove", true),
    /** Adds a delta to an integer value (absent counts as 0). */
    INCREMENT("increment", true),
    /** Sets (or removes) a key only if its version is still the expected one. */
    COMPARE_AND_SET("compare-and-set", true),
    /** Asks for a lock; granted if it is free or its lease has expired. */
    LOCK_ACQUIRE("lock-acquire", false),
    /** Extends the lease of a held lock. */
    LOCK_RENEW("lock-renew", false),
    /** Gives a held lock back. */
    LOCK_RELEASE("lock-release", false);

    private final String wireName;
    private final boolean changesValues;

    OperationType(String wireName, boolean changesValues) {
        this.wireName = wireName;
        this.changesValues = changesValues;
    }

    /** @return the name in the {@code "op"} field */
    public String wireName() {
        return wireName;
    }

    /** @return true for operations on keys (those may carry a fence), false for lock operations */
    public boolean changesValues() {
        return changesValues;
    }

    /**
     * @param name the {@code "op"} field, exactly (case matters)
     * @return the type, or empty if no operation has that name
     */
    public static Optional<OperationType> fromWireName(String name) {
        for (OperationType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** @return the names of every operation, for a message */
    public static String wireNames() {
        return Arrays.stream(values()).map(OperationType::wireName).collect(Collectors.joining(", "));
    }
}
