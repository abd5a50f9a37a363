package dev.clocksync.daemon;

import java.nio.charset.StandardCharsets;

/** The shared HMAC key that signs adjustments and authenticates admin calls. */
public record SigningKey(byte[] bytes) {

    static SigningKey require(String key) {
        if (key == null || key.getBytes(StandardCharsets.UTF_8).length < 16) {
            throw new IllegalStateException("clocksync.daemon.security.hmac-key (env CLOCKSYNC_HMAC_KEY) must be set"
                    + " to a shared key of at least 16 bytes");
        }
        return new SigningKey(key.getBytes(StandardCharsets.UTF_8));
    }
}
