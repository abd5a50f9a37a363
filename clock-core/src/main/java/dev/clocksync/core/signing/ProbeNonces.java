package dev.clocksync.core.signing;

import dev.clocksync.core.time.TimeSource;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Freshness without comparing two hosts' clocks. Each probe answer carries a nonce: the agent's
 * monotonic time of the answer and a MAC of it under a secret drawn at start. An adjustment must
 * echo a nonce that this agent issued (since its start) no longer ago than the maximum age, on
 * the agent's own monotonic clock. So a node whose wall clock is hours off is still corrected,
 * while a recorded adjustment replayed later, or one computed from a probe of an earlier start,
 * is refused; within the age, (term, round) idempotency makes a replay harmless. Stateless and
 * thread-safe.
 */
public final class ProbeNonces {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int TIME_BYTES = Long.BYTES;
    private static final int MAC_BYTES = 16;

    private final TimeSource time;
    private final long maxAgeNanos;
    private final SecretKeySpec secret;

    /**
     * @param time the agent's clocks; only the monotonic one is read
     * @param maxAge how long after its issue a nonce is accepted; positive
     */
    public ProbeNonces(TimeSource time, Duration maxAge) {
        this.time = Objects.requireNonNull(time, "time");
        if (!maxAge.isPositive()) {
            throw new IllegalArgumentException("the nonce age must be positive, got " + maxAge);
        }
        this.maxAgeNanos = maxAge.toNanos();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.secret = new SecretKeySpec(key, ALGORITHM);
    }

    /** A nonce for a probe answered now. */
    public String issue() {
        byte[] issued =
                ByteBuffer.allocate(TIME_BYTES).putLong(time.monotonicNanos()).array();
        byte[] nonce = Arrays.copyOf(issued, TIME_BYTES + MAC_BYTES);
        System.arraycopy(mac(issued), 0, nonce, TIME_BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    /** Whether an echoed nonce is one of ours, and fresh. */
    public Freshness check(String nonce) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException | NullPointerException notBase64) {
            return Freshness.MALFORMED;
        }
        if (bytes.length != TIME_BYTES + MAC_BYTES) {
            return Freshness.MALFORMED;
        }
        byte[] issued = Arrays.copyOf(bytes, TIME_BYTES);
        byte[] expected = Arrays.copyOf(mac(issued), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, TIME_BYTES, bytes.length))) {
            return Freshness.UNKNOWN;
        }
        long age = time.monotonicNanos() - ByteBuffer.wrap(issued).getLong();
        return age >= 0 && age <= maxAgeNanos ? Freshness.FRESH : Freshness.STALE;
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The verdict on an echoed nonce. */
    public enum Freshness {
        /** Issued by this agent since its start, within the maximum age. */
        FRESH,
        /** Issued by this agent, but longer ago than the maximum age. */
        STALE,
        /** Not issued by this agent since its start: forged, or from an earlier start. */
        UNKNOWN,
        /** Not a nonce at all. */
        MALFORMED
    }
}
