package dev.clocksync.core.signing;

import java.nio.charset.StandardCharsets;

/** The shared HMAC key as services read it from configuration: one rule, one message. */
public final class SigningKeys {

    /** The environment variable both services read the key from by default. */
    public static final String ENVIRONMENT_VARIABLE = "CLOCKSYNC_HMAC_KEY";

    private SigningKeys() {}

    /**
     * The key's UTF-8 bytes.
     *
     * @param key the configured key, possibly missing
     * @param property the property it was read from, for the message
     * @throws IllegalStateException when missing or shorter than {@link RequestSigner#MIN_KEY_BYTES}
     */
    public static byte[] require(String key, String property) {
        byte[] bytes = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < RequestSigner.MIN_KEY_BYTES) {
            throw new IllegalStateException(property + " (env " + ENVIRONMENT_VARIABLE
                    + ") must be set to a shared key of at least " + RequestSigner.MIN_KEY_BYTES + " bytes");
        }
        return bytes;
    }
}
