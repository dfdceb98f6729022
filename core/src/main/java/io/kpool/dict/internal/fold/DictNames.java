package io.kpool.dict.internal.fold;

import io.kpool.core.RecordText;
import java.util.Locale;
import java.util.regex.Pattern;

/** What keys, lock names and dict names may be; every message says what is allowed. */
public final class DictNames {
    /** Longest dict name: with the topic prefix it must stay a legal topic name (249 characters). */
    public static final int MAX_DICT_NAME_LENGTH = 200;

    private static final Pattern DICT_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private DictNames() {
    }

    /**
     * A key or lock name: 1 to {@value WireLimits#MAX_NAME_LENGTH} code points, none of them a control
     * character (U+0000-U+001F, U+007F-U+009F), no unpaired surrogate. Blank names are names.
     *
     * @param key a key or lock name
     * @param what "key" or "lock name", for the message
     * @return the key
     * @throws IllegalArgumentException if it is null, empty, too long, holds a control character or is not valid Unicode
     */
    public static String checkKey(String key, String what) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("A shared dict " + what + " must be a non-empty string, got "
                    + (key == null ? "null" : "an empty string"));
        }
        int codePoints = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("A shared dict %s must be valid Unicode; %s %s has an unpaired surrogate U+%04X at index %d"
                        .formatted(what, what, RecordText.quote(key), (int) c, i));
            } else if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("A shared dict %s must not contain control characters; %s %s has U+%04X at index %d"
                        .formatted(what, what, RecordText.quote(key), (int) c, i));
            }
            codePoints++;
        }
        if (codePoints > WireLimits.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "A shared dict %s has at most %,d code points; %s has %,d", what, WireLimits.MAX_NAME_LENGTH, RecordText.quote(key), codePoints));
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
