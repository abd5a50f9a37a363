package dev.clocksync.core.signing;

import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.time.TimeSource;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Checks the signature and timestamp headers of a request signed by a {@link RequestSigner} with
 * the same key. Checks run in the order of {@link VerificationResult}: missing headers, malformed
 * headers, a timestamp outside the replay window (unless built {@link #withoutReplayWindow without
 * one}), then the signature itself. Thread-safe.
 */
public final class RequestVerifier {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final RequestSigner signer;
    private final long replayWindowNanos;
    private final TimeSource time;

    /**
     * @param key the shared secret, at least 16 bytes
     * @param replayWindow how far the request timestamp may be from this host's clock, either way
     * @param time this host's clocks; the real-time clock judges staleness
     */
    public RequestVerifier(byte[] key, Duration replayWindow, TimeSource time) {
        this(key, Objects.requireNonNull(replayWindow, "replayWindow"), Objects.requireNonNull(time, "time"), true);
    }

    private RequestVerifier(byte[] key, Duration replayWindow, TimeSource time, boolean windowed) {
        this.signer = new RequestSigner(key);
        if (windowed && replayWindow.isNegative()) {
            throw new IllegalArgumentException("the replay window must not be negative, got " + replayWindow);
        }
        this.replayWindowNanos = windowed ? saturatedNanos(replayWindow) : -1;
        this.time = time;
    }

    /**
     * A verifier that checks signatures only, for requests whose freshness is proven otherwise
     * (an adjustment echoes a {@link ProbeNonces probe nonce}): the timestamp is still signed, but
     * not compared with this host's clock, which may be far off.
     */
    public static RequestVerifier withoutReplayWindow(byte[] key) {
        return new RequestVerifier(key, null, null, false);
    }

    /**
     * @param method the request's HTTP method
     * @param path the request path as received, with its query string if any
     * @param timestampHeader the {@link Headers#TIMESTAMP} value, or {@code null}
     * @param signatureHeader the {@link Headers#SIGNATURE} value, or {@code null}
     * @param body the request body as received; {@code null} or empty for none
     */
    public VerificationResult verify(
            String method, String path, String timestampHeader, String signatureHeader, byte[] body) {
        if (timestampHeader == null
                || timestampHeader.isBlank()
                || signatureHeader == null
                || signatureHeader.isBlank()) {
            return VerificationResult.MISSING;
        }
        long timestampMillis;
        byte[] signature;
        try {
            timestampMillis = Long.parseLong(timestampHeader.strip());
            signature = Base64.getDecoder().decode(signatureHeader.strip());
        } catch (IllegalArgumentException notANumberOrNotBase64) {
            return VerificationResult.MALFORMED;
        }
        if (isOutsideReplayWindow(timestampMillis)) {
            return VerificationResult.STALE;
        }
        byte[] expected = signer.mac(method, path, timestampMillis, body);
        return MessageDigest.isEqual(expected, signature) ? VerificationResult.VALID : VerificationResult.INVALID;
    }

    private boolean isOutsideReplayWindow(long timestampMillis) {
        if (time == null) {
            return false;
        }
        try {
            long timestampNanos = Math.multiplyExact(timestampMillis, NANOS_PER_MILLI);
            long skew = Math.absExact(Math.subtractExact(time.epochNanos(), timestampNanos));
            return skew > replayWindowNanos;
        } catch (ArithmeticException centuriesAway) {
            return true;
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException moreThanCenturies) {
            return Long.MAX_VALUE;
        }
    }
}
