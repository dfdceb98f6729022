package io.kpool.dict;

/**
 * A write (or unlock) made under a {@link SharedLock} that is no longer held: its lease expired and,
 * usually, another holder has been granted the lock since. The dict's log rejected the write, so it
 * changed nothing. The message names the lock, the stale fencing token and the current holder.
 */
public class FencedException extends SharedDictException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which lock, which token, why it is stale
     */
    public FencedException(String message) {
        super(message);
    }
}
