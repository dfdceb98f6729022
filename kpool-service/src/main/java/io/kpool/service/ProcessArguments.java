package io.kpool.service;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps a service's text UTF-8 whatever the machine's locale. A JVM 17 started without a UTF-8 locale
 * ({@code LANG} unset, as in a fresh container) decodes its command line and encodes its console output
 * in ASCII: {@code --food 包子} arrives as {@code ??} and would be put on the topic so. Here the arguments
 * are decoded again, as UTF-8, from the bytes the process was started with ({@code /proc/self/cmdline}
 * on Linux), and the console streams write UTF-8. Where the bytes cannot be read, a non-ASCII argument
 * that the JVM could not decode fails the start with a message saying what to set.
 */
final class ProcessArguments {
    private static final Path COMMAND_LINE = Path.of("/proc/self/cmdline");

    private ProcessArguments() {
    }

    /** Makes {@code System.out} and {@code System.err} write UTF-8 if the platform's console charset is not. */
    static void useUtf8Console() {
        if (!isUtf8(System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding", Charset.defaultCharset().name())))) {
            System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        }
    }

    /**
     * @param args the arguments as the JVM decoded them
     * @return the arguments decoded as UTF-8 from the process's own command line where the JVM used another
     *     charset, else {@code args}
     * @throws IllegalArgumentException if an argument could not be decoded and its bytes cannot be read
     */
    static String[] utf8(String[] args) {
        if (isUtf8(System.getProperty("sun.jnu.encoding", "UTF-8"))) {
            return args;
        }
        List<String> raw = rawCommandLine();
        if (raw.size() >= args.length && matchesAsAscii(raw.subList(raw.size() - args.length, raw.size()), args)) {
            return raw.subList(raw.size() - args.length, raw.size()).toArray(String[]::new);
        }
        for (String arg : args) {
            if (arg.indexOf('\uFFFD') >= 0 || arg.indexOf('?') >= 0 && !arg.chars().allMatch(c -> c < 128)) {
                throw new IllegalArgumentException("The JVM decoded the command line as " + System.getProperty("sun.jnu.encoding")
                        + " and argument '" + arg + "' lost its non-ASCII characters: run with LANG=C.UTF-8 (or -Dsun.jnu.encoding=UTF-8)");
            }
        }
        return args;
    }

    /** The process's arguments as UTF-8, from the bytes it was started with; empty where they cannot be read. */
    private static List<String> rawCommandLine() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(COMMAND_LINE);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return List.of();
        }
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                args.add(new String(Arrays.copyOfRange(bytes, start, i), StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return args;
    }

    /** Whether the UTF-8 arguments are the JVM's, character for character where the JVM could decode them. */
    private static boolean matchesAsAscii(List<String> utf8, String[] decoded) {
        for (int i = 0; i < decoded.length; i++) {
            String ascii = utf8.get(i).replaceAll("[^\\x00-\\x7F]", "");
            String decodedAscii = decoded[i].replaceAll("[^\\x00-\\x7F]", "").replace("?", "");
            if (!ascii.replace("?", "").equals(decodedAscii)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUtf8(String charset) {
        return charset != null && (charset.equalsIgnoreCase("UTF-8") || charset.equalsIgnoreCase("UTF8"));
    }
}
