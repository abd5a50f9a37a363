package dev.clocksync.core.signing;

import dev.clocksync.core.protocol.Headers;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests with HMAC-SHA256 over method, path (with query), timestamp and body hash. The
 * result goes into the {@link Headers#SIGNATURE} header, the timestamp (milliseconds since the
 * Unix epoch, as a decimal number) into {@link Headers#TIMESTAMP}. Thread-safe.
 */
public final class RequestSigner {

    /** 128 bits: below that, brute force becomes thinkable. */
    public static final int MIN_KEY_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param key the shared secret, at least 16 bytes; copied */
    public RequestSigner(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the signing key must be at least " + MIN_KEY_BYTES
                    + " bytes (128 bits), got " + key.length + " bytes; use a longer random secret");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * The {@link Headers#SIGNATURE} value for a request: standard Base64 of the HMAC-SHA256 of the
     * canonical request.
     *
     * @param method HTTP method; case does not matter
     * @param path the path exactly as sent, with its query string if any
     * @param timestampMillis the value sent in {@link Headers#TIMESTAMP}
     * @param body the body bytes exactly as sent; {@code null} or empty for none
     */
    public String sign(String method, String path, long timestampMillis, byte[] body) {
        return Base64.getEncoder().encodeToString(mac(method, path, timestampMillis, body));
    }

    /** The raw HMAC of the canonical request. */
    byte[] mac(String method, String path, long timestampMillis, byte[] body) {
        return newMac().doFinal(CanonicalRequest.of(method, path, timestampMillis, body));
    }

    // Mac instances are stateful and not thread-safe; a fresh one per call costs microseconds.
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
