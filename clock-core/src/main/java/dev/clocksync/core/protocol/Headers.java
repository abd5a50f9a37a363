package dev.clocksync.core.protocol;

/** HTTP header names of the clocksync protocol. */
public final class Headers {

    /** Request timestamp, milliseconds since the Unix epoch, covered by the signature. */
    public static final String TIMESTAMP = "X-Clocksync-Timestamp";

    /** Base64 HMAC-SHA256 signature of the canonical request. */
    public static final String SIGNATURE = "X-Clocksync-Signature";

    /** How a request is signed, for API documents. */
    public static final String SIGNING_RULE =
            "Base64 HMAC-SHA256, under the shared key, of METHOD\\npath\\ntimestamp\\n"
                    + "sha256hex(body), with the timestamp (milliseconds since the epoch) in " + TIMESTAMP + ".";

    private Headers() {}
}
