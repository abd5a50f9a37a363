package dev.clocksync.core.protocol;

import java.net.URI;

/** RFC 9457 problem types of the clocksync protocol: one URI per cause of a refusal. */
public final class Problems {

    private static final String BASE = "https://clocksync.dev/problems/";

    private Problems() {}

    /** The problem type URI of a cause, e.g. {@code stale-term}. */
    public static URI type(String cause) {
        if (cause == null || !cause.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a problem cause is lower-case words joined by '-', got " + cause);
        }
        return URI.create(BASE + cause);
    }
}
