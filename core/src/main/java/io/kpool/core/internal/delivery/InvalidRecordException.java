package io.kpool.core.internal.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A record that is not a valid message; its message is the reason recorded with the dead letter. */
public final class InvalidRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String reason) {
        super(reason);
    }

    /** @return the exception for a record whose JSON could not be read as {@code what} */
    public static InvalidRecordException of(String what, Exception cause) {
        String detail = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.getMessage();
        return new InvalidRecordException("not a valid " + what + ": " + detail);
    }
}
