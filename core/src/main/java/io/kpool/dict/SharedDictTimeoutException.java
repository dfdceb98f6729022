package io.kpool.dict;

/**
 * A write to a {@link SharedDict} was not confirmed within {@link SharedDictOptions#operationTimeout()}.
 * Its outcome is unknown: it may still be applied later. Read the key again before retrying a
 * write that is not idempotent.
 */
public class SharedDictTimeoutException extends SharedDictException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which operation, which key, how long was waited
     */
    public SharedDictTimeoutException(String message) {
        super(message);
    }
}
