package io.kpool.pool.internal.client;

import java.security.SecureRandom;

/**
 * A pool client's task ids: its client id, this run's random instance tag and a sequence number
 * ({@code main-3f2a9c1e-7}). The instance tag makes ids unique across restarts: a client that reuses the
 * id of one that died never takes the dead one's results for its own. Pending tasks are kept by number;
 * the text is made only for the wire and for messages.
 */
final class TaskIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;

    /** @param clientId the client whose ids these are; a fresh instance tag is drawn */
    TaskIds(String clientId) {
        this(clientId, String.format("%08x", RANDOM.nextInt()));
    }

    /**
     * @param clientId the client whose ids these are
     * @param instance this run of the client
     */
    TaskIds(String clientId, String instance) {
        this.prefix = clientId + "-" + instance + "-";
    }

    /** @return the id of task number {@code sequence} */
    String id(long sequence) {
        return prefix + sequence;
    }

    /**
     * @param id a task id from a result
     * @return its sequence number if it is one of this client's ids, else -1
     */
    long sequenceOf(String id) {
        int start = prefix.length();
        if (id.length() == start || id.length() - start > 18 || !id.startsWith(prefix)) {
            return -1;
        }
        long sequence = 0;
        for (int i = start; i < id.length(); i++) {
            char digit = id.charAt(i);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            sequence = sequence * 10 + (digit - '0');
        }
        return sequence;
    }
}
