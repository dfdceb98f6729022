package io.kpool.pool.internal.client;

/**
 * A pool client's task ids: its client id, a dash and a sequence number ({@code main-7}). Pending
 * tasks are kept by number; the text is made only for the wire and for messages.
 */
final class TaskIds {
    private final String prefix;

    /** @param clientId the client whose ids these are */
    TaskIds(String clientId) {
        this.prefix = clientId + "-";
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
