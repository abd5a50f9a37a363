package dev.clocksync.core.protocol;

/** HTTP header names of the clocksync protocol. */
public final class Headers {

    /** Request timestamp, milliseconds since the Unix epoch, covered by the signature. */
    public static final String TIMESTAMP = "X-Clocksync-Timestamp";

    /** Base64 HMAC-SHA256 signature of the canonical request. */
    public static final String SIGNATURE = "X-Clocksync-Signature";

    private Headers() {}
}
