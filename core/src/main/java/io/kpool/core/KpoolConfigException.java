package io.kpool.core;

/** A setting is missing, unknown or has a value that is not allowed; the message names the key. */
public class KpoolConfigException extends KpoolException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the key, the bad value and what is allowed
     */
    public KpoolConfigException(String message) {
        super(message);
    }
}
