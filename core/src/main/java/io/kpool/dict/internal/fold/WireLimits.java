package io.kpool.dict.internal.fold;

/**
 * The limits of a dict record, each a number the README's wire format states: a record beyond any of
 * them is invalid for every client, in any language. Lengths of text count Unicode code points.
 */
public final class WireLimits {
    /** Deepest nesting of objects and arrays in a record; the operation's own object is level 1. */
    public static final int MAX_RECORD_DEPTH = 100;
    /** Deepest nesting of a value (a scalar is 0, {@code []} is 1): it sits inside the operation's object. */
    public static final int MAX_VALUE_DEPTH = MAX_RECORD_DEPTH - 1;
    /** Longest string anywhere in a record, field names included, in code points. */
    public static final int MAX_STRING_LENGTH = 10_000_000;
    /** Longest number anywhere in a record, as written (sign, digits, point, exponent), in characters. */
    public static final int MAX_NUMBER_LENGTH = 1_000;
    /** Longest key or lock name, in code points. */
    public static final int MAX_NAME_LENGTH = 1_000;
    /** A writer none of whose operations was folded for longer than this (fold time) is forgotten. */
    public static final long FORGET_WRITER_AFTER_MS = 86_400_000L;

    private WireLimits() {
    }
}
