package io.kpool.core.internal.kafka;

/**
 * Text from a record (an item, an error naming a record's content, a header) made safe for one log line:
 * control characters and line separators are escaped, so a record cannot forge log lines, and long text
 * is cut.
 */
public final class LogText {
    /** The most characters of a value that go into a log line. */
    public static final int MAX_CHARS = 500;

    private LogText() {
    }

    /**
     * @param text any text, or null
     * @return the text with {@code \n}, {@code \r}, {@code \t} and every other control or line-separator
     *     character escaped ({@code \u001b}), cut after {@value #MAX_CHARS} characters
     */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        int length = Math.min(text.length(), MAX_CHARS);
        StringBuilder safe = null;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && safe == null) {
                safe = new StringBuilder(length + 16).append(text, 0, i);
            }
            if (safe != null) {
                safe.append(escape != null ? escape : String.valueOf(c));
            }
        }
        String result = safe != null ? safe.toString() : text.substring(0, length);
        return text.length() > MAX_CHARS ? result + "…(" + (text.length() - MAX_CHARS) + " more chars)" : result;
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT
                    ? String.format("\\u%04x", (int) c) : null;
        };
    }
}
