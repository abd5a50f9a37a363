package dev.clocksync.core.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The text a request signature covers: {@code METHOD\npath\ntimestampMillis\nsha256hex(body)}.
 * Both ends must build it byte for byte alike, so it lives in one place.
 */
final class CanonicalRequest {

    private static final byte[] NO_BODY = new byte[0];

    private CanonicalRequest() {}

    /**
     * @param method HTTP method, any case
     * @param path the request path exactly as sent, with its query string if any
     * @param timestampMillis the timestamp header's value
     * @param body the request body; {@code null} means empty
     */
    static byte[] of(String method, String path, long timestampMillis, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        String text = method.toUpperCase(Locale.ROOT)
                + '\n'
                + path
                + '\n'
                + timestampMillis
                + '\n'
                + HexFormat.of().formatHex(sha256(body == null ? NO_BODY : body));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
