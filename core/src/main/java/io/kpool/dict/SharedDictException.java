package io.kpool.dict;

import io.kpool.core.KpoolException;

/**
 * A {@link SharedDict} operation failed: the dict's log rejected it (e.g. incrementing a text), it
 * could not be written, or the dict is closed. The message says which key and why.
 */
public class SharedDictException extends KpoolException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and how to fix it
     */
    public SharedDictException(String message) {
        super(message);
    }

    /**
     * @param message what failed and how to fix it
     * @param cause the underlying failure
     */
    public SharedDictException(String message, Throwable cause) {
        super(message, cause);
    }
}
