package io.kpool.dict.internal.fold;

import io.kpool.core.internal.kafka.Json;
import java.util.regex.Pattern;

/** What keys, lock names and dict names may be; every message says what is allowed. */
public final class DictNames {
    /** Longest key or lock name, in characters. */
    public static final int MAX_KEY_LENGTH = 1_000;
    /** Longest dict name: with the topic prefix it must stay a legal topic name (249 characters). */
    public static final int MAX_DICT_NAME_LENGTH = 200;

    private static final Pattern DICT_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private DictNames() {
    }

    /**
     * @param key a key or lock name
     * @param what "key" or "lock name", for the message
     * @return the key
     * @throws IllegalArgumentException if it is null, blank, too long or holds a control character
     */
    public static String checkKey(String key, String what) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("A shared dict " + what + " must be a non-empty string, got "
                    + (key == null ? "null" : "'" + key + "'"));
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("A shared dict " + what + " has at most " + MAX_KEY_LENGTH
                    + " characters; '" + key.substring(0, 40) + "…' has " + key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new IllegalArgumentException("A shared dict " + what + " must not contain control characters; "
                        + what + " " + Json.mapper().getNodeFactory().textNode(key) + " has U+%04X at index %d"
                        .formatted((int) key.charAt(i), i));
            }
        }
        return key;
    }

    /**
     * @param name a dict's name, part of its topic name
     * @return the name
     * @throws IllegalArgumentException unless it is 1-200 characters of letters, digits, '.', '_' and '-'
     */
    public static String checkDictName(String name) {
        if (name == null || !DICT_NAME.matcher(name).matches() || name.length() > MAX_DICT_NAME_LENGTH) {
            throw new IllegalArgumentException("A shared dict's name must be 1-" + MAX_DICT_NAME_LENGTH
                    + " letters, digits, '.', '_' or '-' (it names a Kafka topic), got " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }
}
