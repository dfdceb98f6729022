package io.kpool.dict.internal;

/** What a caller asked a {@link io.kpool.dict.SharedDict} for: the {@code operation} tag of the dict's meters. */
enum DictOperation {
    GET("get"),
    SNAPSHOT("snapshot"),
    PUT("put"),
    PUT_IF_ABSENT("putIfAbsent"),
    REMOVE("remove"),
    INCREMENT_BY("incrementBy"),
    UPDATE("update"),
    COMPARE_AND_SET("compareAndSet"),
    SYNC("sync"),
    UNLOCK("unlock");

    private final String tag;

    DictOperation(String tag) {
        this.tag = tag;
    }

    /** @return the tag value: the method's name */
    String tag() {
        return tag;
    }
}
