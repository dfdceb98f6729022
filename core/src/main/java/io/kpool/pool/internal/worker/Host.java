package io.kpool.pool.internal.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, as a worker reports it. */
final class Host {
    /** The host name, or {@code unknown} if the machine cannot tell. */
    static final String NAME = name();

    private Host() {
    }

    private static String name() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
