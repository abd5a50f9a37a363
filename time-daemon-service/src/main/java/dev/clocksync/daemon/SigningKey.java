package dev.clocksync.daemon;

import dev.clocksync.core.signing.SigningKeys;

/** The shared HMAC key that signs adjustments and authenticates admin calls. */
public record SigningKey(byte[] bytes) {

    static SigningKey require(String key) {
        return new SigningKey(SigningKeys.require(key, "clocksync.daemon.security.hmac-key"));
    }
}
