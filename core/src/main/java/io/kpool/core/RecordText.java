package io.kpool.core;

import java.util.Locale;

/**
 * Text that came from a record, made safe to print: control, format and line-separator characters and
 * unpaired surrogates become six-character JSON escapes (backslash, u, four hex digits), so a foreign
 * record can neither break nor forge a log line. Every kpool component that logs or reports text from a
 * record goes through it (dead letters, the dict's fold, consumer-app's "ate" lines).
 */
public final class RecordText {
    /** Most characters of record text shown in a message. */
    static final int MAX_SHOWN = 100;
    /** Longest log line this class makes of a message. */
    static final int MAX_LOG_LENGTH = 2_000;

    private RecordText() {
    }

    /**
     * @param text any text from a record
     * @return it as a quoted JSON-style string, escaped, cut after {@value #MAX_SHOWN} characters
     */
    public static String quote(String text) {
        String shown = cut(text, MAX_SHOWN);
        StringBuilder quoted = new StringBuilder(shown.length() + 2).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else {
                appendEscaped(quoted, shown, i);
            }
        }
        quoted.append('"');
        return shown.length() < text.length()
                ? quoted + String.format(Locale.ROOT, "… (%,d characters)", text.length()) : quoted.toString();
    }

    /**
     * @param message a message that may hold text from a record
     * @return the message on one line, escaped, cut after {@value #MAX_LOG_LENGTH} characters
     */
    public static String forLog(String message) {
        String text = String.valueOf(message);
        if (isPlain(text)) {
            return text;
        }
        String shown = cut(text, MAX_LOG_LENGTH);
        StringBuilder line = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            appendEscaped(line, shown, i);
        }
        return shown.length() < text.length() ? line + "…" : line.toString();
    }

    /** @return whether the text is short enough and all printable ASCII: nothing to escape or cut (the usual case, kept cheap) */
    private static boolean isPlain(String text) {
        if (text.length() > MAX_LOG_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static void appendEscaped(StringBuilder out, String text, int i) {
        char c = text.charAt(i);
        boolean paired = Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        int type = Character.getType(c);
        if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (Character.isSurrogate(c) && !paired)) {
            out.append("\\u%04x".formatted((int) c));
        } else {
            out.append(c);
        }
    }

    /** @return the first {@code max} characters, not splitting a surrogate pair */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
