package io.kpool.dict.internal.fold;

/**
 * A record that is no valid operation under the README's wire format. Thrown and caught inside the
 * fold only, where it becomes an {@link Outcome.Status#INVALID} outcome: a hostile flood of them costs
 * no stack traces.
 */
final class InvalidRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidRecordException(String reason) {
        super(reason, null, false, false);
    }
}
